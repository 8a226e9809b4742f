"""The evaluation spec: load YAML → resolve ``extends:`` → validate → a frozen ``Spec``."""
