import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * A refresh storm: N proxied requests sent at once, spread over one or more Latchkey instances, on a
 * connection whose token has just expired. Prints how many answered with which status.
 * Run with: java bench/Storm.java N API_KEY ACCOUNT PATH URL [URL...]
 */
public final class Storm {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String key = args[1];
        String account = args[2];
        String path = args[3];
        List<String> urls = List.of(args).subList(4, args.length);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(i % urls.size()) + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + key).header("X-Linked-Account-Id", account).build();
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    return -1;
                }
            }, Thread::startVirtualThread));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<Integer> answer : answers) {
            statuses.merge(answer.get(), 1, Integer::sum);
        }
        System.out.println("statuses " + statuses);
    }
}
