package io.gammastraddle.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.cluster.StandaloneCluster.Role;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneClusterTest {

  @TempDir Path directory;

  @Test
  void aPidFileOfAnotherProgramIsNotTheClustersProcess() throws Exception {
    StandaloneCluster cluster = new StandaloneCluster(directory, "");
    assertThat(cluster.process(Role.JOBMANAGER)).isEmpty();

    // This test's JVM runs, but started at another time: a pid reused after a crash.
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(directory.resolve("jobmanager.pid"), self.pid() + " 12345");
    assertThat(cluster.process(Role.JOBMANAGER)).isEmpty();
    // The process the file names, started when the file says.
    Files.writeString(
        directory.resolve("jobmanager.pid"),
        self.pid() + " " + self.info().startInstant().orElseThrow().toEpochMilli());
    assertThat(cluster.process(Role.JOBMANAGER)).contains(self);
    Files.writeString(directory.resolve("jobmanager.pid"), self.pid() + " 12345");
    assertThat(cluster.stop(Duration.ofSeconds(1))).isFalse();
    assertThat(directory.resolve("jobmanager.pid")).doesNotExist();
  }

  @Test
  void theRestAddressComesFromTheWrittenConfiguration() throws Exception {
    Files.createDirectories(directory.resolve("conf"));
    Files.writeString(
        directory.resolve("conf/config.yaml"), "rest:\n  address: 127.0.0.1\n  port: 18081\n");
    assertThat(new StandaloneCluster(directory, "").restAddress())
        .isEqualTo(URI.create("http://127.0.0.1:18081"));
  }

  @Test
  void aConfDirectoryWithoutConfigYamlIsRefusedBeforeAnythingStarts() {
    StandaloneCluster cluster = new StandaloneCluster(directory.resolve("cluster"), "");
    assertThatThrownBy(() -> cluster.start(directory, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No config.yaml");
    assertThat(directory.resolve("cluster/jobmanager.pid")).doesNotExist();
  }

  @Test
  void aTakenRestPortIsNamedBeforeAnythingStarts() throws Exception {
    Path conf = Files.createDirectories(directory.resolve("source"));
    Files.writeString(conf.resolve("config.yaml"), "rest.port: 8081\n");
    Files.writeString(conf.resolve("log4j.properties"), "");
    Files.writeString(conf.resolve("log4j-cli.properties"), "");
    StandaloneCluster cluster = new StandaloneCluster(directory.resolve("cluster"), "");
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> cluster.start(conf, Map.of("rest.port", String.valueOf(port))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Port " + port + " (rest.port) is already in use; choose another with --set");
    }
    assertThat(directory.resolve("cluster/jobmanager.pid")).doesNotExist();
  }

  @Test
  void aCheckoutWithoutTheBuiltClasspathSaysHowToBuildIt() {
    assertThatThrownBy(() -> StandaloneCluster.of(directory))
        .hasMessageContaining("./mvnw -DskipTests package");
  }
}
