package io.dqmonitor.formats;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class FormatsConfiguration {

    @Bean
    RecordDecoder recordDecoder(RegistryProperties properties, JsonMapper json, MeterRegistry meters) {
        return RecordDecoder.create(properties, json, meters);
    }
}
