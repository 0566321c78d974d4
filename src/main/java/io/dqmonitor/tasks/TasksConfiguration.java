package io.dqmonitor.tasks;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Spring Boot's task scheduler ({@code spring.task.scheduling.*}) runs the background tasks. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class TasksConfiguration {
}
