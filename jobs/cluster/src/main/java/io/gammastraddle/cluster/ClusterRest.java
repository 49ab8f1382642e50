package io.gammastraddle.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Flink's REST API (the web dashboard's own API) tells about a cluster: its TaskManagers and
 * slots, and its jobs with their states.
 */
public final class ClusterRest {

  /** {@code GET /overview}. */
  public record Overview(
      String flinkVersion, int taskManagers, int slotsTotal, int slotsAvailable) {}

  /** One job of {@code GET /jobs/overview}. */
  public record Job(String id, String name, String state, long startTime) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI address;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public ClusterRest(URI address) {
    this.address = address;
  }

  public URI address() {
    return address;
  }

  /** The overview, or empty if nothing answers at the address. */
  public Optional<Overview> overview() {
    return get("/overview")
        .map(
            node ->
                new Overview(
                    node.path("flink-version").asText(),
                    node.path("taskmanagers").asInt(),
                    node.path("slots-total").asInt(),
                    node.path("slots-available").asInt()));
  }

  /** Every job the cluster knows, running or finished; empty if nothing answers. */
  public List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    get("/jobs/overview")
        .ifPresent(
            node ->
                node.path("jobs")
                    .forEach(
                        job ->
                            jobs.add(
                                new Job(
                                    job.path("jid").asText(),
                                    job.path("name").asText(),
                                    job.path("state").asText(),
                                    job.path("start-time").asLong()))));
    return jobs;
  }

  /** The state of job {@code id} (e.g. RUNNING, FINISHED), if the cluster knows it. */
  public Optional<String> jobState(String id) {
    return get("/jobs/" + id).map(node -> node.path("state").asText());
  }

  /**
   * Waits until at least {@code taskManagers} TaskManagers are registered.
   *
   * @throws IllegalStateException naming the logs if they are not within {@code timeout}
   */
  public Overview awaitTaskManagers(int taskManagers, Duration timeout, String logs)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Overview> overview = overview();
      if (overview.isPresent() && overview.get().taskManagers() >= taskManagers) {
        return overview.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The cluster did not come up at "
                + address
                + " within "
                + timeout.toSeconds()
                + " s"
                + overview.map(o -> " (" + o.taskManagers() + " TaskManagers)").orElse("")
                + "; see the logs in "
                + logs);
      }
      Thread.sleep(250);
    }
  }

  private Optional<JsonNode> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(address.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
