// convert.cc: read, locate binaries, prune, fold, report, write (see convert.h).
#include "pprof/convert.h"

#include <cstdio>
#include <cstdlib>

#include "cli/tool_main.h"
#include "core/diagnostics.h"
#include "core/error.h"
#include "folded/count_format.h"
#include "folded/folded_writer.h"
#include "io/output_file.h"
#include "pprof/binary_locator.h"
#include "pprof/fold.h"
#include "pprof/profile_input.h"
#include "pprof/prune.h"
#include "pprof/symbolize.h"

namespace flamekit::pprof {
namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string type_name(const ValueType& t) { return std::string(t.type) + "/" + std::string(t.unit); }

// -v: what was read from one input.
void report(const std::string& name, Format format, const Profile& p, size_t index, const std::vector<std::string>& files,
            model::Count total, elf::Symbolizer* symbols) {
  Diagnostics diag(cli::tool_name(), false);
  std::string types;
  for (const ValueType& t : p.sample_types) types += (types.empty() ? "" : " ") + type_name(t);
  std::string note = p.note.empty() ? "" : " (" + std::string(p.note) + ")";
  diag.note(name + ": " + describe_format(format) + note + "; sample types: " + types + "; counting " +
            type_name(p.sample_types[index]));
  std::string line = name + ": " + std::to_string(p.samples.size()) + (p.samples.size() == 1 ? " sample" : " samples") + ", total ";
  folded::append_count(&line, total);
  if (p.period != 0) line += ", period " + std::to_string(p.period) + " " + std::string(p.period_type.unit);
  diag.note(line);
  for (size_t i = 0; i < p.mappings.size(); ++i) {
    const Mapping& m = p.mappings[i];
    std::string what = name + ": mapping " + std::to_string(m.id) + " " + hex(m.start) + "-" + hex(m.limit) +
                       " offset " + hex(m.offset) + " " + (m.file.empty() ? "(no file)" : std::string(m.file));
    if (!m.build_id.empty()) what += " build id " + std::string(m.build_id);
    if (m.has_functions) {
      what += ": symbolized in the profile";
    } else if (m.file.starts_with('[')) {
      what += ": not a file";
    } else if (files[i].empty()) {
      what += ": binary missing";
    } else if (const Error* problem = symbols->unreadable(files[i])) {
      what += ": binary " + files[i] + " not used: " + problem->what();
    } else {
      what += ": binary " + files[i];
    }
    diag.note(what);
  }
}

}  // namespace

void PprofOptions::validate() const {
  parse_format(input_format);
  for (const std::string& key : tag_root) {
    if (key.empty()) throw Error::usage("--tag-root: empty label key");
  }
}

void convert_profiles(const std::vector<std::string>& inputs, const PprofOptions& options, model::StackSet* stacks) {
  Format forced = parse_format(options.input_format);
  BinarySearch search;
  search.binary = options.binary;
  search.search_path = options.search_path;
  if (const char* env = std::getenv("PPROF_BINARY_PATH")) search.env_path = env;
  if (const char* home = std::getenv("HOME")) search.home = home;
  FoldOptions fold_options;
  fold_options.tag_root = options.tag_root;
  fold_options.inline_frames = !options.no_inline;
  fold_options.system_names = options.mangled;
  elf::SymbolizerOptions symbolizer_options;
  symbolizer_options.demangle = !options.mangled;
  elf::Symbolizer symbols(symbolizer_options);
  Diagnostics diag(cli::tool_name(), false);
  size_t problems_reported = 0;
  std::string counted;  // the sample type of the first input: the others must count the same
  for (const std::string& input : inputs) {
    ProfileInput in(input, forced);
    Profile p;
    read_profile(in.bytes(), in.format(), input, &p);
    std::vector<std::string> files = locate_binaries(&p, search, binary_matches);
    if (!options.no_symbolize) symbolize_profile(&p, files, &symbols);
    // A binary that is not ELF or not the one the profile names: a warning, and its frames stay unnamed.
    for (; problems_reported < symbols.problems().size(); ++problems_reported) {
      diag.warn("binary", symbols.problems()[problems_reported]);
    }
    prune_frames(&p, input);
    fold_options.value_index = choose_sample_index(p, options.sample_index);
    fold_options.keep_zero_samples = in.format() == Format::kRaw;
    std::string type = type_name(p.sample_types[fold_options.value_index]);
    if (counted.empty()) counted = type;
    if (type != counted) {
      throw Error(Error::Position{input, 0, -1}, "counts " + type + " but " + inputs[0] + " counts " + counted +
                                                    ": they do not add up (choose one with --sample-index)");
    }
    model::Count before = stacks->total();
    fold(p, fold_options, stacks);
    if (options.verbose) report(input, in.format(), p, fold_options.value_index, files, stacks->total() - before, &symbols);
  }
}

int run_pprof(const std::vector<std::string>& inputs, const PprofOptions& options) {
  options.validate();
  model::StackSet stacks;
  convert_profiles(inputs, options, &stacks);
  io::OutputFile out(options.output, {.gzip = io::OutputFile::wants_gzip(options.output)});
  folded::write_folded(stacks, &out);
  out.commit();
  return kExitOk;
}

}  // namespace flamekit::pprof
