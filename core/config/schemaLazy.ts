/**
 * Zod schemas built on first use. Building a schema costs tens of microseconds per field, and the
 * configuration, architecture and hardware schemas together cost tens of milliseconds when a page or a
 * worker starts, although a fresh start parses nothing: each schema is a memoised function instead.
 */

/**
 * Returns a function that builds the value on its first call and returns the same value afterwards.
 * @param build - Builds the value (called at most once, unless it throws).
 */
export function lazily<T>(build: () => T): () => T {
  let built: { value: T } | null = null;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
