// capture_flags.cc: Boost.Program_options declarations and the preset file.
#include "capture/capture_flags.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

#include "capture/capture_plan.h"
#include "cli/args.h"
#include "core/error.h"

namespace flamekit::capture {
namespace {

namespace po = boost::program_options;

constexpr const char* kConfigName = "flamekit-presets.conf";

// Keys of one [section], in file order.
using Section = std::vector<std::pair<std::string, std::string>>;

po::options_description describe(Options& o) {
  // The help names no flag but flame-capture's own: tests/e2e/man-pages.sh matches them to the man page.
  po::options_description d("flame-capture [OPTIONS] [TEMPLATE]\n\nRun a profiling command template (runner.py's "
                            "custom profiling command), keep its output and\nlogs under runner.py's names, and "
                            "render it as a flame graph.\n\nOptions");
  auto s = [](std::string* f) { return po::value<std::string>(f); };
  auto sd = [](std::string* f) { return po::value<std::string>(f)->default_value(*f); };
  d.add_options()
      ("help,h", "print this help")
      ("version", "print the version")
      ("list-presets", "list the presets of the presets file and exit")
      ("config", po::value<std::string>(), "presets file (default flamekit-presets.conf beside the binary)")
      ("preset", s(&o.preset), "run the preset NAME from the presets file")
      ("engine", s(&o.engine), "the preset's command for engine NAME (bcc, bpftrace, ...)")
      ("command,c", s(&o.command), "the command template ({duration}, {sidecar_pid} or {pid}, {frequency})")
      ("duration,d", sd(&o.duration), "seconds, for {duration}")
      ("frequency,F", sd(&o.frequency), "sampling frequency in Hz, for {frequency}")
      ("pid,p", s(&o.pid), "the process for {sidecar_pid} (default: find the sidecar)")
      ("process-name", sd(&o.process_name), "the sidecar's process name")
      ("var", po::value<std::vector<std::string>>(&o.vars)->composing(), "NAME=VALUE: a {NAME} field of the template")
      ("output-dir", sd(&o.output_dir), "where captures are written")
      ("labels", s(&o.labels), "the {labels} part of the file names")
      ("name", sd(&o.name), "the {profile_name} part of the file names (default: the preset's name)")
      ("pod", s(&o.pod), "run in this pod with kubectl exec; also the {podname} (default: the host name)")
      ("namespace,n", s(&o.kube_namespace), "the pod's namespace (with --pod)")
      ("container", s(&o.container), "the pod's container (with --pod)")
      ("exec-prefix", s(&o.exec_prefix), "run the command through this prefix ('ssh node', 'nsenter -t 1 -a')")
      ("fetch", s(&o.fetch), "the capture is this file the command writes (copied back after it)")
      ("copy-command", s(&o.copy_command), "with --exec-prefix: copies {remote} to {local} (default: cat through the prefix)")
      ("offline", s(&o.offline), "render this saved capture; run nothing")
      ("render", po::bool_switch(&o.render), "render the capture: filters, then flame-svg")
      ("title", s(&o.title), "flame graph title (default: '<command> Flame Graph')")
      ("colors", s(&o.colors), "flame-svg palette (hot, mem, io, wakeup, ...)")
      ("countname", s(&o.countname), "flame-svg count name (samples, us, bytes, ...)")
      ("collapse-args", s(&o.collapse_args), "more flame-collapse arguments")
      ("pprof-args", s(&o.pprof_args), "more flame-pprof arguments")
      ("format", s(&o.format), "what the command prints, for --dry-run: perf-script, bpftrace, folded, pprof")
      ("timeout", po::value<long>(&o.timeout), "stop the command after this many seconds")
      ("dry-run", po::bool_switch(&o.dry_run), "print every command it would run, one a line, and run none")
      ("verbose,v", po::bool_switch(&o.verbose), "say what runs and which filters were chosen");
  return d;
}

std::string find_config(const po::variables_map& vm) {
  if (vm.count("config")) return vm["config"].as<std::string>();
  std::string dir = binary_dir(), tried;
  for (const std::string& c : {dir + "/" + kConfigName, dir + "/../scripts/" + kConfigName,
                               dir + "/../share/flamekit/" + kConfigName}) {
    if (::access(c.c_str(), R_OK) == 0) return c;
    tried += " " + c;
  }
  throw Error::usage(std::string("no presets file: give --config FILE (looked for") + tried + ")");
}

// Every [section] of the presets file, in file order. Top-level keys must be options.
std::vector<std::pair<std::string, Section>> read_presets(const std::string& path, const po::options_description& d) {
  std::ifstream in(path);
  if (!in) throw system_error(path, "cannot open");
  std::vector<std::pair<std::string, Section>> presets;
  for (const auto& opt : po::parse_config_file(in, d, true).options) {
    if (!opt.unregistered) continue;
    size_t dot = opt.string_key.find('.');
    if (dot == std::string::npos) throw Error::usage(path + ": unknown key '" + opt.string_key + "'");
    std::string section = opt.string_key.substr(0, dot);
    if (presets.empty() || presets.back().first != section) presets.push_back({section, {}});
    presets.back().second.push_back({opt.string_key.substr(dot + 1), opt.value.empty() ? "" : opt.value[0]});
  }
  return presets;
}

void list_presets(const std::vector<std::pair<std::string, Section>>& presets) {
  for (const auto& [name, keys] : presets) {
    std::string description, engines;
    for (const auto& [k, v] : keys) {
      if (k == "description") description = v;
      if (k == "engine") engines = v + (engines.empty() ? "" : ", " + engines);
      if (k.rfind("command.", 0) == 0) engines += (engines.empty() ? "" : ", ") + k.substr(8);
    }
    std::printf("%-26s %s%s\n", name.c_str(), description.c_str(), engines.empty() ? "" : (" [" + engines + "]").c_str());
  }
}

// The preset's keys as parsed options (stored after the command line and environment, so they lose to both).
po::parsed_options preset_options(const std::string& path, const std::string& name, const Section& keys,
                                  const po::options_description& d, const std::string& engine) {
  po::parsed_options parsed(&d);
  std::string default_engine, engine_command, engines;
  auto add = [&](const std::string& key, const std::string& value) {
    po::option opt(key, {value});
    opt.original_tokens = {key, value};
    parsed.options.push_back(opt);
  };
  for (const auto& [k, v] : keys) {
    if (k == "description") continue;
    if (k == "engine") {
      default_engine = v;
      engines += (engines.empty() ? "" : ", ") + v;
      continue;
    }
    if (k.rfind("command.", 0) == 0) {
      engines += (engines.empty() ? "" : ", ") + k.substr(8);
      if (k.substr(8) == engine) engine_command = v;
      continue;
    }
    if (k == "preset" || k == "config" || k == "engine" || d.find_nothrow(k, false) == nullptr) {
      throw Error::usage(path + ": [" + name + "]: unknown key '" + k + "'");
    }
    if (k == "command" && !engine.empty() && engine != default_engine) continue;
    add(k, v);
  }
  if (!engine.empty() && engine != default_engine) {
    if (engine_command.empty()) {
      throw Error::usage("preset " + name + " has no command for --engine " + engine +
                         (engines.empty() ? "" : " (engines: " + engines + ")"));
    }
    add("command", engine_command);
  }
  return parsed;
}

// FLAMEKIT_OUTPUT_DIR -> output-dir, for the options that make sense to set for a whole session.
std::string env_name(const std::string& var, const po::options_description& d) {
  const std::string prefix = "FLAMEKIT_";
  if (var.rfind(prefix, 0) != 0) return "";
  std::string name;
  for (char c : var.substr(prefix.size())) name += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "help" || name == "version" || name == "list-presets") return "";
  return d.find_nothrow(name, false) ? name : "";
}

}  // namespace

std::optional<Options> parse_flags(int argc, char** argv) {
  Options o;
  po::options_description d = describe(o);
  po::positional_options_description positional;
  positional.add("command", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(d).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << d << "\nTEMPLATE is read as Python's str.format reads it: {{ and }} are literal braces.\n";
      return std::nullopt;
    }
    if (vm.count("version")) {
      std::printf("%s\n", cli::kVersion);
      return std::nullopt;
    }
    po::store(po::parse_environment(d, [&](const std::string& var) { return env_name(var, d); }), vm);
    bool want_list = vm.count("list-presets") > 0;
    std::string preset = vm.count("preset") ? vm["preset"].as<std::string>() : "";
    if (want_list || !preset.empty()) {
      std::string path = find_config(vm);
      auto presets = read_presets(path, d);
      if (want_list) {
        list_presets(presets);
        return std::nullopt;
      }
      const Section* keys = nullptr;
      std::string names;
      for (const auto& [name, section] : presets) {
        if (name == preset) keys = &section;
        names += (names.empty() ? "" : ", ") + name;
      }
      if (keys == nullptr) throw Error::usage("no preset '" + preset + "' in " + path + " (presets: " + names + ")");
      std::string engine = vm.count("engine") ? vm["engine"].as<std::string>() : "";
      po::store(preset_options(path, preset, *keys, d, engine), vm);
      if (vm["name"].defaulted()) {
        po::parsed_options name(&d);
        name.options.push_back(po::option("name", {preset}));
        vm.erase("name");
        po::store(name, vm);
      }
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw Error::usage(std::string(e.what()) + " (see --help)");
  }
  return o;
}

}  // namespace flamekit::capture
