#ifndef SIGNPOST_CPREFETCH_SHIM_H
#define SIGNPOST_CPREFETCH_SHIM_H
// A hint to bring memory into the cache before it is read (header-only, static inline).

/// Asks for the cache line at `address` to be fetched into every level of the cache, and
/// returns at once: unlike a load, the prefetch does not wait for the line, nor hold up the
/// instructions after it.
static inline void signpost_prefetch(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

#endif
