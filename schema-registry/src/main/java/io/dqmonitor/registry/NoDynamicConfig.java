package io.dqmonitor.registry;

import java.util.List;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;

/** Stands in for the build step of a Quarkus extension whose deployment half is not on Maven Central. */
public class NoDynamicConfig {

    @Produces
    @ApplicationScoped
    DynamicConfigPropertyList properties() {
        return new DynamicConfigPropertyList(List.of());
    }
}
