#!/bin/sh
# Builds dq-monitor's AOT cache (JDK 25 or newer): extracts the packaged jar into <dir> (the JVM caches only classes it
# loads from plain jars on the class path, not from the jars nested in a Spring Boot jar), then runs the training:
# the application creates its beans, runs the consumption path over the captured records it ships with, and exits
# without connecting to anything (pipeline.AotTraining). The JVM options in JAVA_TOOL_OPTIONS apply to the training
# and must be those the cache is then used with.
#
#   aot/build-cache.sh <dq-monitor-*.jar> <dir> [java]
#   java -XX:AOTCache=<dir>/dq-monitor.aot -jar <dir>/dq-monitor.jar
set -eu
jar=$1
dir=$2
java=${3:-java}
"$java" -Djarmode=tools -jar "$jar" extract --destination "$dir.tmp"
mkdir -p "$dir"
mv "$dir.tmp"/lib "$dir"/lib
mv "$dir.tmp"/*.jar "$dir"/dq-monitor.jar
rmdir "$dir.tmp"
"$java" -XX:AOTCacheOutput="$dir/dq-monitor.aot" -Dspring.context.exit=onRefresh \
    -jar "$dir/dq-monitor.jar" --spring.profiles.active=aot-training
rm -f "$dir/dq-monitor.aot.config"
