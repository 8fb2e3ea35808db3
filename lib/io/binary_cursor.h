// binary_cursor.h: the one way flamekit reads binary input (pprof protobufs, gperftools CPU profiles,
// perf.data). A BinaryCursor is a window [pos, end) of an input held whole in memory (a MappedFile's bytes, a
// gunzipped buffer) that keeps the input's base, so every error names the absolute byte offset at which
// the failed read started, through the one Error type:
//   flame-pprof: cpu.pb.gz: offset 0x1f4: truncated varint
// (../shared/docs/style.md §c; bloaty's ReadFixed and StrictSubstr). A read that does not fit in the window
// throws and consumes nothing; a varint longer than 10 bytes, or above 2^64 - 1, throws too. Sub-cursors
// share the base, so an error deep in a nested protobuf message still names its offset in the file.
//
//   io::BinaryCursor in(path, bytes);              // `path` names the input in errors ("-" = stdin)
//   while (!in.empty()) {                          // a protobuf message: (key, value) pairs
//     uint64_t key = in.varint();
//     switch (key & 7) {
//       case 0: value = in.varint(); break;
//       case 1: value = in.u64le(); break;
//       case 2: {
//         io::BinaryCursor sample = in.sub(in.varint());  // a submessage: its own window, same base
//         parse_sample(sample);
//         break;
//       }
//       case 5: value = in.u32le(); break;
//       default: throw in.error_at(key_offset, "unknown wire type");
//     }
//   }
//
//   io::BinaryCursor file(path, bytes);             // perf.data: fixed-width fields, absolute sections
//   if (file.bytes(8) != "PERFILE2") throw file.error_at(0, "not a perf.data file");
//   uint64_t size = file.u64le();
//   io::BinaryCursor attrs = file.at(attrs_offset, attrs_size);  // checked against file's window
//
// Views returned by bytes(), cstring() and rest() point into the input; they live as long as it does.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/error.h"

namespace flamekit::io {

class BinaryCursor {
 public:
  // A cursor over all of `bytes`, offsets counted from bytes.data(). `name` must outlive the cursor and
  // every sub-cursor (it is only copied into an Error).
  BinaryCursor(std::string_view name, std::string_view bytes)
      : name_(name), base_(bytes.data()), begin_(bytes.data()), pos_(bytes.data()),
        end_(bytes.data() + bytes.size()) {}
  // The bytes must outlive the cursor: a temporary string would not.
  template <class S>
    requires std::is_same_v<S, std::string>
  BinaryCursor(std::string_view name, S&& bytes) = delete;

  // Absolute offset of the next byte, from the input's start.
  size_t offset() const { return static_cast<size_t>(pos_ - base_); }
  size_t remaining() const { return static_cast<size_t>(end_ - pos_); }
  bool empty() const { return pos_ == end_; }

  // Fixed-width unsigned integers. Throws "truncated ..." if fewer than sizeof(T) bytes remain.
  uint8_t u8() { return fixed<uint8_t>(std::endian::little); }
  uint16_t u16le() { return fixed<uint16_t>(std::endian::little); }
  uint32_t u32le() { return fixed<uint32_t>(std::endian::little); }
  uint64_t u64le() { return fixed<uint64_t>(std::endian::little); }
  uint16_t u16be() { return fixed<uint16_t>(std::endian::big); }
  uint32_t u32be() { return fixed<uint32_t>(std::endian::big); }
  uint64_t u64be() { return fixed<uint64_t>(std::endian::big); }
  // Any unsigned integer type in either byte order (perf.data follows the recording machine's order).
  template <class T>
  T fixed(std::endian order);

  // An unsigned LEB128 number, which is also a protobuf varint: 7 bits a byte, low first, the top bit set
  // on every byte but the last. Throws "truncated varint" at its start if the input ends first, and
  // "varint overflows 64 bits" if it is longer than 10 bytes or its 10th byte holds more than bit 63.
  uint64_t varint();
  // A signed LEB128 number (DWARF's SLEB128): as varint(), sign-extended from the last byte's bit 6.
  int64_t sleb128();
  // protobuf's sint32/sint64 zigzag encoding of a varint() value: 0, -1, 1, -2 ... from 0, 1, 2, 3 ...
  static int64_t zigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

  // The next n bytes as a view. Throws if fewer remain.
  std::string_view bytes(uint64_t n);
  // Skips n bytes. Throws if fewer remain.
  void skip(uint64_t n) { bytes(n); }
  // The next n bytes as a cursor of their own (a protobuf submessage, a length-prefixed record), with the
  // same base so its offsets stay absolute. Throws if fewer remain.
  BinaryCursor sub(uint64_t n);
  // The bytes up to the next NUL, which is consumed too (not part of the view). Throws "unterminated string"
  // if the window has no NUL.
  std::string_view cstring();
  // Everything left, consumed.
  std::string_view rest();
  // A window of `size` bytes at absolute `offset` (a perf.data section), which must lie inside this cursor's
  // whole window (where it started, not where it is now). Does not move this cursor.
  BinaryCursor at(uint64_t offset, uint64_t size) const;

  // An Error at the current offset, or at an absolute one: for what a reader finds wrong in what it read.
  Error error(std::string message) const { return error_at(offset(), std::move(message)); }
  Error error_at(size_t offset, std::string message) const {
    return Error::at_offset(std::string(name_), static_cast<int64_t>(offset), std::move(message));
  }

 private:
  BinaryCursor(std::string_view name, const char* base, const char* begin, const char* end)
      : name_(name), base_(base), begin_(begin), pos_(begin), end_(end) {}
  [[noreturn]] void truncated(uint64_t need, const char* what) const;
  [[noreturn]] void overflow() const;

  std::string_view name_;
  const char* base_;   // the input's first byte: offsets are counted from here
  const char* begin_;  // this cursor's window is [begin_, end_)
  const char* pos_;
  const char* end_;
};

template <class T>
T BinaryCursor::fixed(std::endian order) {
  static_assert(std::is_unsigned_v<T>, "read an unsigned type and convert");
  if (remaining() < sizeof(T)) truncated(sizeof(T), "integer");
  T v;
  std::memcpy(&v, pos_, sizeof(T));
  pos_ += sizeof(T);
  if constexpr (sizeof(T) > 1) {
    if (order != std::endian::native) {
      if constexpr (sizeof(T) == 2) v = __builtin_bswap16(v);
      if constexpr (sizeof(T) == 4) v = __builtin_bswap32(v);
      if constexpr (sizeof(T) == 8) v = __builtin_bswap64(v);
    }
  }
  return v;
}

inline uint64_t BinaryCursor::varint() {
  // One byte is the common case in protobuf (keys, small ids).
  if (pos_ < end_ && static_cast<unsigned char>(*pos_) < 0x80) return static_cast<unsigned char>(*pos_++);
  uint64_t v = 0;
  const char* p = pos_;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p == end_) truncated(0, "varint");
    const uint64_t byte = static_cast<unsigned char>(*p++);
    if (shift == 63 && byte > 1) overflow();  // the 10th byte may only hold bit 63
    v |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      pos_ = p;
      return v;
    }
  }
  overflow();  // an 11th byte would be needed
}

inline int64_t BinaryCursor::sleb128() {
  uint64_t v = 0;
  const char* p = pos_;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p == end_) truncated(0, "varint");
    const uint64_t byte = static_cast<unsigned char>(*p++);
    // The 10th byte holds bit 63 and the sign: all its bits must agree (0x00 or 0x7f).
    if (shift == 63 && byte != 0 && byte != 0x7f) overflow();
    v |= (byte & 0x7f) << shift;
    if (byte < 0x80) {
      pos_ = p;
      const int used = shift + 7;
      if (used < 64 && (byte & 0x40)) v |= ~uint64_t{0} << used;  // sign-extend
      return static_cast<int64_t>(v);
    }
  }
  overflow();
}

inline std::string_view BinaryCursor::bytes(uint64_t n) {
  if (remaining() < n) truncated(n, "bytes");
  std::string_view v(pos_, static_cast<size_t>(n));
  pos_ += n;
  return v;
}

inline BinaryCursor BinaryCursor::sub(uint64_t n) {
  std::string_view v = bytes(n);
  return BinaryCursor(name_, base_, v.data(), v.data() + v.size());
}

}  // namespace flamekit::io
