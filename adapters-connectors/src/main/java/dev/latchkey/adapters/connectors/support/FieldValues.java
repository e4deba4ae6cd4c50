package dev.latchkey.adapters.connectors.support;

import dev.latchkey.domain.Violations;
import dev.latchkey.domain.connector.CredentialField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks what a customer typed against an auth entry's fields. */
public final class FieldValues {
    private FieldValues() {
    }

    /**
     * The values of the declared fields: every required one present and not blank, no undeclared
     * ones. Throws {@link dev.latchkey.domain.InvalidInputException} listing every problem; never a value.
     */
    public static Map<String, String> require(List<CredentialField> fields, Map<String, String> given) {
        Violations v = new Violations();
        Map<String, String> out = new LinkedHashMap<>();
        for (CredentialField field : fields) {
            String value = given.get(field.name());
            if (value == null || value.isBlank()) {
                if (field.required()) {
                    v.add(field.name(), "is required");
                }
            } else {
                out.put(field.name(), value);
            }
        }
        given.keySet().stream()
                .filter(name -> fields.stream().noneMatch(f -> f.name().equals(name)))
                .sorted()
                .forEach(name -> v.add(name, "is not a field of this auth type; expected "
                        + String.join(", ", fields.stream().map(CredentialField::name).toList())));
        v.throwIfAny();
        return out;
    }
}
