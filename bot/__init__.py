"""msgchoice: helps teams choose a messaging system (Kafka, NATS Core, NATS JetStream, or a hybrid)."""

__version__ = "0.1.0"
