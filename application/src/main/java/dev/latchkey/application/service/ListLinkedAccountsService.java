package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ListLinkedAccountsQuery;
import dev.latchkey.application.port.in.ListLinkedAccountsUseCase;
import dev.latchkey.application.port.out.LinkedAccountStorePort;
import dev.latchkey.domain.InvalidInputException;
import dev.latchkey.domain.Page;
import dev.latchkey.domain.account.LinkedAccount;
import dev.latchkey.domain.account.LinkedAccountId;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Pages through accounts in id order. The cursor is the last id seen, so a page never repeats or
 * skips an account that existed when the listing began, however many are inserted meanwhile.
 */
public final class ListLinkedAccountsService implements ListLinkedAccountsUseCase {
    private static final int MAX_SEARCH_LENGTH = 200;

    private final LinkedAccountStorePort accounts;

    public ListLinkedAccountsService(LinkedAccountStorePort accounts) {
        this.accounts = accounts;
    }

    @Override
    public Page<LinkedAccount> list(ListLinkedAccountsQuery query) {
        Optional<LinkedAccountId> after = query.cursor().map(ListLinkedAccountsService::decodeCursor);
        Optional<String> prefix = query.search().filter(s -> !s.isEmpty());
        if (prefix.isPresent() && prefix.get().length() > MAX_SEARCH_LENGTH) {
            throw InvalidInputException.of("search", "must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        Page<LinkedAccount> page = accounts.list(query.workspaceId(), query.limit(), after, prefix);
        return new Page<>(page.items(), page.nextCursor().map(ListLinkedAccountsService::encodeCursor));
    }

    static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    static LinkedAccountId decodeCursor(String cursor) {
        try {
            return new LinkedAccountId(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("cursor", "is not a cursor this API returned; pass next_cursor from the previous page as it is");
        }
    }
}
