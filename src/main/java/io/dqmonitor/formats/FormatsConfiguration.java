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
        Registries registries = new Registries(properties, json);
        AvroSchemas schemas = new AvroSchemas(properties.maxSchemas(), properties.maxSchemaCharacters());
        return new RecordDecoder(registries, schemas, new RegistryMetrics(meters, schemas, registries.names()), json);
    }
}
