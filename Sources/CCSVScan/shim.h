#ifndef SIGNPOST_CCSVSCAN_SHIM_H
#define SIGNPOST_CCSVSCAN_SHIM_H
// The structural bytes of CSV text found 64 bytes at a time (CSVTokenizer): one bit a byte,
// bit i for the block's byte i, with SSE2 on x86-64 (always there) and a plain loop elsewhere.
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Where a block's commas, line ends (LF or CR), quotes and bytes outside ASCII are.
typedef struct {
  uint64_t commas;
  uint64_t lineEnds;
  uint64_t quotes;
  uint64_t high;
} SignpostCSVBlock;

/// The first `count` bytes (at most 64) of `bytes` classified one at a time; the bits of
/// bytes past `count` are clear.
static inline SignpostCSVBlock signpost_csv_classify_portable(const uint8_t *bytes, long count) {
  SignpostCSVBlock block = {0, 0, 0, 0};
  for (long i = 0; i < count; i++) {
    uint8_t byte = bytes[i];
    block.commas |= (uint64_t)(byte == ',') << i;
    block.lineEnds |= (uint64_t)(byte == '\n' || byte == '\r') << i;
    block.quotes |= (uint64_t)(byte == '"') << i;
    block.high |= (uint64_t)(byte >> 7) << i;
  }
  return block;
}

/// The 64 bytes at `bytes` classified: with SSE2, 16 at a time by comparisons and byte masks;
/// elsewhere by the plain loop.
static inline SignpostCSVBlock signpost_csv_classify(const uint8_t *bytes) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  SignpostCSVBlock block = {0, 0, 0, 0};
  for (int k = 0; k < 4; k++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + 16 * k));
    int shift = 16 * k;
    block.commas |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) << shift;
    block.lineEnds |= (uint64_t)(uint16_t)_mm_movemask_epi8(
                          _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)))
                      << shift;
    block.quotes |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << shift;
    block.high |= (uint64_t)(uint16_t)_mm_movemask_epi8(v) << shift;
  }
  return block;
#else
  return signpost_csv_classify_portable(bytes, 64);
#endif
}

#endif
