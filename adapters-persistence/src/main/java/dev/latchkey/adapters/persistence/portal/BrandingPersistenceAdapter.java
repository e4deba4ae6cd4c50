package dev.latchkey.adapters.persistence.portal;

import dev.latchkey.adapters.persistence.json.JsonColumns;
import dev.latchkey.adapters.persistence.outage.TranslatesDatabaseFailures;
import dev.latchkey.application.port.out.BrandingStorePort;
import dev.latchkey.domain.branding.Branding;
import dev.latchkey.domain.workspace.WorkspaceId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;

@Singleton
@TranslatesDatabaseFailures
public class BrandingPersistenceAdapter implements BrandingStorePort {
    private static final String FIND = "SELECT branding FROM workspace_branding WHERE workspace_id = ?";
    private static final String UPSERT = """
            INSERT INTO workspace_branding (workspace_id, branding, updated_at) VALUES (?, CAST(? AS jsonb), now())
            ON CONFLICT (workspace_id) DO UPDATE SET branding = EXCLUDED.branding, updated_at = EXCLUDED.updated_at""";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final JsonColumns json;

    public BrandingPersistenceAdapter(JdbcOperations jdbc, TransactionOperations<Connection> transactions, JsonColumns json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public Branding find(WorkspaceId workspaceId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(FIND, statement -> {
            statement.setObject(1, workspaceId.value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Branding.parseStored(json.object(rows.getString(1)), "branding.") : Branding.DEFAULT;
            }
        }));
    }

    @Override
    public void save(WorkspaceId workspaceId, Branding branding) {
        transactions.executeWrite(status -> jdbc.prepareStatement(UPSERT, statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, json.object(branding.toFields()));
            return statement.executeUpdate();
        }));
    }
}
