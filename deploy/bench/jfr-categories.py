#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went, by library: deploy/bench/profile.sh prints these.

Usage: jfr-categories.py <jfr-binary> <recording.jfr> [load|startup|steps]
  load     a sample counts for the innermost known library on its stack (who burns the CPU)
  startup  the same, but plumbing every start-up passes through (CDI, Vert.x, Mutiny, class
           loading) counts only when nothing more specific is on the stack: which extension's
           start-up work it is
  steps    the main thread's samples by Quarkus start step (the recorded step on the stack,
           start-up observers by bean): which step holds the start-up back
"""
import collections
import re
import subprocess
import sys

CATEGORIES = [
    ("Hibernate Validator", r"org\.hibernate\.validator"),
    ("Hibernate ORM/Reactive", r"org\.hibernate"),
    ("gzip", r"java\.util\.zip\.Deflater|HttpContentCompressor"),
    ("JWT and crypto", r"jose4j|smallrye\.jwt|sun\.security|java\.security|BigInteger"),
    ("Jackson", r"com\.fasterxml\.jackson"),
    ("PostgreSQL reactive client", r"io\.vertx\.pgclient|io\.vertx\.sqlclient"),
    ("Redis client", r"io\.vertx\.redis|io\.quarkus\.redis"),
    ("RabbitMQ and messaging", r"rabbitmq|reactive\.messaging"),
    ("Flyway, Agroal, JDBC", r"flywaydb|agroal|org\.postgresql"),
    ("Micrometer", r"io\.micrometer|io\.prometheus"),
    ("OpenTelemetry", r"io\.opentelemetry"),
    ("SmallRye Config", r"io\.smallrye\.config"),
    ("Qute", r"io\.quarkus\.qute"),
    ("slot computation and java.time", r"SlotCalculator|java\.time"),
    ("Quarkus REST", r"org\.jboss\.resteasy|io\.quarkus\.resteasy"),
    ("ArC (CDI)", r"io\.quarkus\.arc"),
    ("Netty and Vert.x core", r"io\.netty|io\.vertx\.core"),
    ("Mutiny and context propagation", r"io\.smallrye\.mutiny|io\.smallrye\.context"),
    ("class loading", r"ClassLoader|defineClass|java\.util\.zip|java\.util\.jar"),
]


PLUMBING = {"ArC (CDI)", "Netty and Vert.x core", "Mutiny and context propagation", "class loading"}


def category(frames, skip_plumbing):
    fallback = None
    for frame in frames:  # innermost first
        for name, pattern in CATEGORIES:
            if re.search(pattern, frame):
                if not (skip_plumbing and name in PLUMBING):
                    return name
                fallback = fallback or name
                break
    return fallback or "other (JDK, application)"


def step(frames):
    """The start step a main-thread sample belongs to; frames innermost first."""
    for frame in frames:
        observer = re.search(r"\.(\w+?)_Observer_(\w+?)_\w+\.notify$", frame)
        if observer:
            return f"start-up observer {observer.group(1)}.{observer.group(2)}"
    if any("PersistenceUnitsHolder" in frame for frame in frames):
        return "Hibernate ORM boot (persistence units' metamodel)"
    for frame in frames:
        recorded = re.search(r"io\.quarkus\.runner\.recorded\.(\w+)\$([a-zA-Z]+)", frame)
        if recorded:
            return f"{recorded.group(1)}.{recorded.group(2)}"
        if "io.quarkus.runtime.generated.Config" in frame or "ApplicationImpl.<clinit>" in frame:
            return "configuration (static init)"
    return "JVM and Quarkus plumbing"


def main():
    jfr, recording = sys.argv[1], sys.argv[2]
    mode = sys.argv[3] if len(sys.argv) > 3 else "load"
    text = subprocess.run([jfr, "print", "--stack-depth", "256", "--events", "jdk.ExecutionSample", recording],
                          capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    for block in text.split("jdk.ExecutionSample {")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+)\(", block, re.M)
        if mode != "steps":
            counts[category(frames, mode == "startup")] += 1
        elif 'sampledThread = "main"' in block:
            counts[step(frames)] += 1
    total = sum(counts.values()) or 1
    print(f"{total} samples")
    for name, n in counts.most_common():
        print(f"{100 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
