import io.autopilot.control.ControlClient;
import java.nio.file.Path;
import java.time.Duration;

/** Prints the time of each of N GET /v3/ping requests (ms), after as many warm-up requests. */
public class RoundTrip {
    public static void main(String[] args) throws Exception {
        ControlClient client = new ControlClient(Path.of(args[0]), Duration.ofSeconds(10));
        int runs = Integer.parseInt(args[1]);
        for (int i = 0; i < runs; i++) {
            client.send("GET", "/v3/ping", "");
        }
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            if (client.send("GET", "/v3/ping", "").status() != 200) {
                throw new IllegalStateException("ping failed");
            }
            System.out.println((System.nanoTime() - start) / 1e6);
        }
    }
}
