package dev.latchkey.application.service;

import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.AuthCapabilities;
import dev.latchkey.domain.connector.AuthMethod;
import dev.latchkey.domain.connector.ConnectorDefinition;
import dev.latchkey.domain.connector.ConnectorParam;
import dev.latchkey.domain.connector.CredentialField;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks what a customer gives against a connector: the auth type, the params, the credential fields. */
final class Inputs {
    private Inputs() {
    }

    static AuthMethod authMethod(ConnectorDefinition connector, Optional<String> authType) {
        if (authType.isEmpty()) {
            return connector.auth().get(0);
        }
        return connector.authMethod(authType.get()).orElseThrow(() -> InvalidInputException.of("auth_type",
                "must be one of " + connector.auth().stream().map(AuthMethod::type).collect(Collectors.joining(", "))
                        + " for " + connector.name()));
    }

    /** Every param known, required ones present, each matching its pattern in full; all problems at once. */
    static void checkParams(ConnectorDefinition connector, Map<String, String> params, Violations v) {
        params.keySet().stream().filter(name -> connector.param(name).isEmpty())
                .forEach(name -> v.add("params." + name, "is not a param of " + connector.name()));
        for (ConnectorParam param : connector.params()) {
            String value = params.get(param.name());
            if (value == null || value.isEmpty()) {
                if (param.required()) {
                    v.add("params." + param.name(), "is required: " + param.label());
                }
            } else if (!param.accepts(value)) {
                v.add("params." + param.name(), "does not have the expected form for " + param.label()
                        + param.helpText().map(h -> " (" + h + ")").orElse(""));
            }
        }
    }

    /** What the customer typed, against the fields the scheme asks for. */
    static void checkFields(AuthCapabilities method, Map<String, String> fields, Violations v) {
        checkFields(method.type(), method.fields(), fields, v);
    }

    static void checkFields(String type, List<CredentialField> expected, Map<String, String> fields, Violations v) {
        fields.keySet().stream().filter(name -> expected.stream().noneMatch(f -> f.name().equals(name)))
                .forEach(name -> v.add("credentials." + name, "is not a field of " + type));
        for (CredentialField field : expected) {
            String value = fields.get(field.name());
            if (field.required() && (value == null || value.isBlank())) {
                v.add("credentials." + field.name(), "is required: " + field.label());
            }
        }
    }
}
