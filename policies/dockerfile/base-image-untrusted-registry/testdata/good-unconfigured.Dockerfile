# Without the registries option the rule says nothing.
FROM quay.io/x/tools:2
