// proto_reader.cc: profile.proto wire format -> Profile (see proto_reader.h).
//
// The top-level message is read once to find the string table (its position in the stream is the writer's
// choice) and the submessages, kept as cursors; then each submessage is decoded with the strings at hand.
#include "pprof/proto_reader.h"

#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "io/binary_cursor.h"

namespace flamekit::pprof {
namespace {

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kBytes = 2, kFixed32 = 5 };

struct Key {
  uint64_t field;
  uint32_t wire;
  size_t offset;  // where the key starts
};

Key read_key(io::BinaryCursor* in) {
  size_t offset = in->offset();
  uint64_t key = in->varint();
  if ((key >> 3) == 0) throw in->error_at(offset, "protobuf field number 0");
  return {key >> 3, static_cast<uint32_t>(key & 7), offset};
}

void skip_value(io::BinaryCursor* in, const Key& k) {
  switch (k.wire) {
    case kVarint: in->varint(); return;
    case kFixed64: in->skip(8); return;
    case kBytes: in->skip(in->varint()); return;
    case kFixed32: in->skip(4); return;
    default: throw in->error_at(k.offset, "protobuf wire type " + std::to_string(k.wire) + " (groups) not supported");
  }
}

void expect(const io::BinaryCursor& in, const Key& k, uint32_t wire) {
  if (k.wire != wire) {
    throw in.error_at(k.offset, "field " + std::to_string(k.field) + " has wire type " + std::to_string(k.wire) +
                                    ", not " + std::to_string(wire));
  }
}

uint64_t read_varint(io::BinaryCursor* in, const Key& k) {
  expect(*in, k, kVarint);
  return in->varint();
}

io::BinaryCursor read_message(io::BinaryCursor* in, const Key& k) {
  expect(*in, k, kBytes);
  return in->sub(in->varint());
}

// A repeated varint field, packed (one length-prefixed run) or not (one key per value).
template <typename F>
void read_repeated(io::BinaryCursor* in, const Key& k, F&& add) {
  if (k.wire == kBytes) {
    io::BinaryCursor packed = in->sub(in->varint());
    while (!packed.empty()) add(packed.varint());
  } else {
    add(read_varint(in, k));
  }
}

class ProtoReader {
 public:
  ProtoReader(std::string_view bytes, const std::string& name, Profile* p) : top_(name, bytes), p_(p) {}

  void read() {
    scan_top();
    if (strings_.empty() || !strings_[0].empty()) throw top_.error_at(0, "string_table[0] is not \"\"");
    for (io::BinaryCursor& m : value_types_) p_->sample_types.push_back(read_value_type(&m));
    if (period_type_) p_->period_type = read_value_type(&*period_type_);
    for (io::BinaryCursor& m : mappings_) read_mapping(&m);
    for (io::BinaryCursor& m : functions_) read_function(&m);
    for (io::BinaryCursor& m : locations_) read_location(&m);
    for (io::BinaryCursor& m : samples_) read_sample(&m);
    p_->drop_frames = string_at(drop_frames_);
    p_->keep_frames = string_at(keep_frames_);
    p_->default_sample_type = string_at(default_sample_type_);
    for (const StringRef& c : comments_) p_->comments.push_back(string_at(c));
  }

 private:
  struct StringRef {
    uint64_t index = 0;
    size_t offset = 0;
  };

  void scan_top() {
    bool saw_time = false;
    while (!top_.empty()) {
      Key k = read_key(&top_);
      switch (k.field) {
        case 1: value_types_.push_back(read_message(&top_, k)); break;
        case 2: samples_.push_back(read_message(&top_, k)); break;
        case 3: mappings_.push_back(read_message(&top_, k)); break;
        case 4: locations_.push_back(read_message(&top_, k)); break;
        case 5: functions_.push_back(read_message(&top_, k)); break;
        case 6:
          expect(top_, k, kBytes);
          strings_.push_back(top_.bytes(top_.varint()));
          break;
        case 7: drop_frames_ = string_ref(&top_, k); break;
        case 8: keep_frames_ = string_ref(&top_, k); break;
        case 9:
          if (saw_time) throw top_.error_at(k.offset, "a second time_nanos: two profiles concatenated");
          saw_time = true;
          p_->time_nanos = static_cast<int64_t>(read_varint(&top_, k));
          break;
        case 10: p_->duration_nanos = static_cast<int64_t>(read_varint(&top_, k)); break;
        case 11: period_type_ = read_message(&top_, k); break;
        case 12: p_->period = static_cast<int64_t>(read_varint(&top_, k)); break;
        case 13: read_repeated(&top_, k, [&](uint64_t v) { comments_.push_back({v, k.offset}); }); break;
        case 14: default_sample_type_ = string_ref(&top_, k); break;
        default: skip_value(&top_, k); break;  // 15 doc_url, and fields of later versions
      }
    }
  }

  StringRef string_ref(io::BinaryCursor* in, const Key& k) { return {read_varint(in, k), k.offset}; }

  std::string_view string_at(const StringRef& ref) const {
    if (ref.index >= strings_.size()) {
      throw top_.error_at(ref.offset, "string index " + std::to_string(static_cast<int64_t>(ref.index)) +
                                          " out of range (the table has " + std::to_string(strings_.size()) + ")");
    }
    return strings_[ref.index];
  }
  std::string_view string_field(io::BinaryCursor* in, const Key& k) { return string_at(string_ref(in, k)); }

  ValueType read_value_type(io::BinaryCursor* in) {
    ValueType t;
    while (!in->empty()) {
      Key k = read_key(in);
      if (k.field == 1) {
        t.type = string_field(in, k);
      } else if (k.field == 2) {
        t.unit = string_field(in, k);
      } else {
        skip_value(in, k);
      }
    }
    return t;
  }

  // Records `id` of a table entry at `index`; ids are nonzero and unique.
  static void add_id(absl::flat_hash_map<uint64_t, uint32_t>* ids, uint64_t id, size_t index,
                     const io::BinaryCursor& in, size_t offset, const char* what) {
    if (id == 0) throw in.error_at(offset, std::string(what) + " with id 0");
    if (!ids->try_emplace(id, static_cast<uint32_t>(index)).second) {
      throw in.error_at(offset, std::string(what) + " id " + std::to_string(id) + " defined twice");
    }
  }

  void read_mapping(io::BinaryCursor* in) {
    size_t at = in->offset();
    Mapping m;
    while (!in->empty()) {
      Key k = read_key(in);
      switch (k.field) {
        case 1: m.id = read_varint(in, k); break;
        case 2: m.start = read_varint(in, k); break;
        case 3: m.limit = read_varint(in, k); break;
        case 4: m.offset = read_varint(in, k); break;
        case 5: m.file = string_field(in, k); break;
        case 6: m.build_id = string_field(in, k); break;
        case 7: m.has_functions = read_varint(in, k) != 0; break;
        default: skip_value(in, k); break;
      }
    }
    add_id(&mapping_ids_, m.id, p_->mappings.size(), *in, at, "mapping");
    p_->mappings.push_back(m);
  }

  void read_function(io::BinaryCursor* in) {
    size_t at = in->offset();
    Function f;
    while (!in->empty()) {
      Key k = read_key(in);
      switch (k.field) {
        case 1: f.id = read_varint(in, k); break;
        case 2: f.name = string_field(in, k); break;
        case 3: f.system_name = string_field(in, k); break;
        case 4: f.filename = string_field(in, k); break;
        default: skip_value(in, k); break;
      }
    }
    add_id(&function_ids_, f.id, p_->functions.size(), *in, at, "function");
    p_->functions.push_back(f);
  }

  Line read_line(io::BinaryCursor* in) {
    Line line;
    while (!in->empty()) {
      Key k = read_key(in);
      if (k.field == 1) {
        uint64_t id = read_varint(in, k);
        if (id != 0) {
          auto it = function_ids_.find(id);
          if (it == function_ids_.end()) throw in->error_at(k.offset, "function id " + std::to_string(id) + " not found");
          line.function = it->second;
        }
      } else if (k.field == 2) {
        line.line = static_cast<int64_t>(read_varint(in, k));
      } else {
        skip_value(in, k);
      }
    }
    return line;
  }

  void read_location(io::BinaryCursor* in) {
    size_t at = in->offset();
    Location l;
    l.lines_begin = l.lines_end = static_cast<uint32_t>(p_->lines.size());
    uint64_t mapping_id = 0;
    while (!in->empty()) {
      Key k = read_key(in);
      switch (k.field) {
        case 1: l.id = read_varint(in, k); break;
        case 2: mapping_id = read_varint(in, k); break;
        case 3: l.address = read_varint(in, k); break;
        case 4: {
          io::BinaryCursor line = read_message(in, k);
          p_->lines.push_back(read_line(&line));
          break;
        }
        default: skip_value(in, k); break;
      }
    }
    l.lines_end = static_cast<uint32_t>(p_->lines.size());
    if (mapping_id != 0) {
      auto it = mapping_ids_.find(mapping_id);
      if (it != mapping_ids_.end()) l.mapping = it->second;
    }
    add_id(&location_ids_, l.id, p_->locations.size(), *in, at, "location");
    p_->locations.push_back(l);
  }

  Label read_label(io::BinaryCursor* in) {
    Label label;
    while (!in->empty()) {
      Key k = read_key(in);
      switch (k.field) {
        case 1: label.key = string_field(in, k); break;
        case 2: label.str = string_field(in, k); break;
        case 3:
          label.num = static_cast<int64_t>(read_varint(in, k));
          label.is_num = true;
          break;
        case 4: label.num_unit = string_field(in, k); break;
        default: skip_value(in, k); break;
      }
    }
    if (!label.str.empty()) label.is_num = false;
    return label;
  }

  void read_sample(io::BinaryCursor* in) {
    size_t at = in->offset();
    stack_.clear();
    values_.clear();
    labels_.clear();
    while (!in->empty()) {
      Key k = read_key(in);
      switch (k.field) {
        case 1:
          read_repeated(in, k, [&](uint64_t id) {
            auto it = location_ids_.find(id);
            if (it == location_ids_.end()) throw in->error_at(k.offset, "location id " + std::to_string(id) + " not found");
            stack_.push_back(it->second);
          });
          break;
        case 2: read_repeated(in, k, [&](uint64_t v) { values_.push_back(static_cast<int64_t>(v)); }); break;
        case 3: {
          io::BinaryCursor label = read_message(in, k);
          labels_.push_back(read_label(&label));
          break;
        }
        default: skip_value(in, k); break;
      }
    }
    if (values_.size() != p_->sample_types.size()) {
      throw in->error_at(at, "sample has " + std::to_string(values_.size()) + " values for " +
                                 std::to_string(p_->sample_types.size()) + " sample types");
    }
    p_->add_sample(stack_, values_);
    for (const Label& l : labels_) p_->add_label(l);
  }

  io::BinaryCursor top_;
  Profile* p_;
  std::vector<std::string_view> strings_;
  std::vector<io::BinaryCursor> value_types_, samples_, mappings_, locations_, functions_;
  std::optional<io::BinaryCursor> period_type_;
  StringRef drop_frames_, keep_frames_, default_sample_type_;
  std::vector<StringRef> comments_;
  absl::flat_hash_map<uint64_t, uint32_t> mapping_ids_, function_ids_, location_ids_;
  std::vector<uint32_t> stack_;
  std::vector<int64_t> values_;
  std::vector<Label> labels_;
};

}  // namespace

bool looks_like_proto(std::string_view bytes) {
  if (bytes.empty()) return false;
  unsigned key = static_cast<unsigned char>(bytes[0]);
  unsigned field = key >> 3, wire = key & 7;
  switch (field) {
    case 1: case 2: case 3: case 4: case 5: case 6: case 11: return wire == kBytes;
    case 7: case 8: case 9: case 10: case 12: case 14: case 15: return wire == kVarint;
    case 13: return wire == kVarint || wire == kBytes;
    default: return false;
  }
}

void read_proto(std::string_view bytes, const std::string& name, Profile* p) {
  ProtoReader(bytes, name, p).read();
  check_profile(*p, name);
}

}  // namespace flamekit::pprof
