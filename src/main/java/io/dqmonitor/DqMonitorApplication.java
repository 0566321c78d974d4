package io.dqmonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** dq-monitor: consumes Debezium change events from Kafka and checks them against data-quality rules. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DqMonitorApplication {

    public static void main(String[] args) {
        SpringApplication.run(DqMonitorApplication.class, args);
    }
}
