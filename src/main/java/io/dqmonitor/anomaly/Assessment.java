package io.dqmonitor.anomaly;

/**
 * A detector's judgement of one value.
 *
 * @param score    0 (as expected) to 1 (rarer than anything seen); 0 while warming up
 * @param expected the value it expected, NaN before it can predict
 * @param lower    the band's lower edge: values inside the band are never anomalous
 * @param upper    the band's upper edge
 * @param raised   whether this value raises an anomaly
 * @param progress the share of the warm-up done, 1 once it may raise
 */
record Assessment(double score, double expected, double lower, double upper, boolean raised, double progress) {
}
