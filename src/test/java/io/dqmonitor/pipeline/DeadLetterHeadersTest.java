package io.dqmonitor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqmonitor.stack.DeadLetterHeaders;
import org.junit.jupiter.api.Test;

/** The whole-application tests read dead letters by the contract's header names; these are the ones written. */
class DeadLetterHeadersTest {

    @Test
    void theHeadersWrittenAreTheContractsOnes() {
        assertThat(DeadLetterPublisher.REASON_HEADER).isEqualTo(DeadLetterHeaders.REASON);
        assertThat(DeadLetterPublisher.DETAIL_HEADER).isEqualTo(DeadLetterHeaders.DETAIL);
        assertThat(DeadLetterPublisher.TOPIC_HEADER).isEqualTo(DeadLetterHeaders.TOPIC);
        assertThat(DeadLetterPublisher.PARTITION_HEADER).isEqualTo(DeadLetterHeaders.PARTITION);
        assertThat(DeadLetterPublisher.OFFSET_HEADER).isEqualTo(DeadLetterHeaders.OFFSET);
        assertThat(DeadLetterPublisher.VALUE_OMITTED_HEADER).isEqualTo(DeadLetterHeaders.VALUE_OMITTED);
    }
}
