package dev.latchkey.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a list, over as many pages as it has: each page is fetched when the iteration
 * reaches it (following {@code next_cursor}), so breaking out early fetches no more. Each
 * {@link #iterator()} starts again from the first page.
 */
public final class Paged<T> implements Iterable<T> {
    private final Function<String, Page<T>> fetch;

    /** @param fetch one page for a cursor (null for the first page) */
    Paged(Function<String, Page<T>> fetch) {
        this.fetch = fetch;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Iterator<T> current;
            private String cursor;
            private boolean last;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (last) {
                        return false;
                    }
                    Page<T> page = fetch.apply(cursor);
                    current = page.data().iterator();
                    String next = page.next().orElse(null);
                    if (next != null && next.equals(cursor)) {
                        throw LatchkeyException.invalidResponse(200, "Latchkey answered the same next_cursor twice; stopping.", null);
                    }
                    cursor = next;
                    last = next == null;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The items, lazily, in order. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Every item, all pages read. */
    public List<T> toList() {
        List<T> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }
}
