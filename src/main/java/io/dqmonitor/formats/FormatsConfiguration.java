package io.dqmonitor.formats;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class FormatsConfiguration {

    @Bean
    RecordDecoder recordDecoder(RegistryProperties properties, JsonMapper json) {
        return new RecordDecoder(new Registries(properties, json), new AvroSchemas(properties.maxSchemas()), json);
    }
}
