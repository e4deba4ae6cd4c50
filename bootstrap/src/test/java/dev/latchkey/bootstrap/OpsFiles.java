package dev.latchkey.bootstrap;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ops/prometheus/alerts.yml and ops/grafana/latchkey.json, parsed: the alerts, the panels, the metric names their queries use. */
record OpsFiles(List<String> alertNames, int dashboardPanels, Set<String> metricNames) {
    private static final Pattern METRIC = Pattern.compile("\\b((?:latchkey|hikaricp|jvm|process|system)_[a-z0-9_]+)");

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("ops")) ? here : here.getParent();
    }

    @SuppressWarnings("unchecked")
    static OpsFiles read() throws IOException {
        Set<String> metrics = new TreeSet<>();
        List<String> alerts = new ArrayList<>();
        Map<String, Object> rules = new Yaml().load(Files.readString(root().resolve("ops/prometheus/alerts.yml")));
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                alerts.add((String) rule.get("alert"));
                collect((String) rule.get("expr"), metrics);
            }
        }
        // JSON is YAML: one parser for both files.
        Map<String, Object> dashboard = new Yaml().load(Files.readString(root().resolve("ops/grafana/latchkey.json")));
        List<Map<String, Object>> panels = (List<Map<String, Object>>) dashboard.get("panels");
        for (Map<String, Object> panel : panels) {
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                collect((String) target.get("expr"), metrics);
            }
        }
        return new OpsFiles(alerts, panels.size(), metrics);
    }

    private static void collect(String expr, Set<String> into) {
        Matcher matcher = METRIC.matcher(expr);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    /** Whether a scrape has a sample of this name (a histogram's _bucket, _sum and _count are names of their own). */
    static boolean exported(String scrape, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(scrape).find();
    }
}
