#include "m2h/cli.hpp"

#include <htslib/hts_log.h>

#include <charconv>
#include <fmt/format.h>
#include <iostream>
#include <sstream>

#include "m2h/error.hpp"

namespace m2h {

namespace {

// CLI11's layout with bcftools-style defaults: "-o, --output FILE  what it is [-]".
class Formatter : public CLI::Formatter {
public:
    std::string make_option_opts(const CLI::Option* opt) const override {
        std::stringstream out;
        // CLI11 appends validator text ("INT:POSITIVE"); the description says it better.
        std::string type = opt->get_option_text().empty() ? opt->get_type_name() : opt->get_option_text();
        type = type.substr(0, type.find(':'));
        if (opt->get_type_size() != 0 && !type.empty()) out << " " << type;
        return out.str();
    }
    std::string make_option_desc(const CLI::Option* opt) const override {
        std::string desc = opt->get_description();
        const std::string def = opt->get_default_str();
        if (!def.empty() && def != "[]") desc += " [" + def + "]";
        return desc;
    }
};

}  // namespace

void setup_app(CLI::App& app, const std::string& tool, const std::string& about, const std::string& examples) {
    set_tool_name(tool);
    app.name(tool);
    app.description("About: " + about);
    app.footer("Examples:\n" + examples);
    app.formatter(std::make_shared<Formatter>());
    app.get_formatter()->column_width(32);
    app.option_defaults()->always_capture_default();
    app.set_version_flag("--version", tool + " " + version_string(), "Print the version and exit");
}

CLI::Option* add_compression_level(CLI::App& app, int& level, const std::string& what,
                                   const std::string& more_names) {
    return app.add_option("-l,--compression-level" + more_names, level, "BGZF compression level of " + what + ", 0-9 (0: none, 1: fastest)")
        ->check(CLI::Range(0, 9))
        ->type_name("INT")
        ->default_str("6, htslib's");
}

std::uint64_t parse_size(const std::string& text, const std::string& option) {
    std::uint64_t value = 0, unit = 1;
    std::string_view digits = text;
    if (!digits.empty()) {
        switch (digits.back()) {
            case 'K': case 'k': unit = 1000; break;
            case 'M': case 'm': unit = 1000 * 1000; break;
            case 'G': case 'g': unit = 1000 * 1000 * 1000; break;
            default: break;
        }
        if (unit > 1) digits.remove_suffix(1);
    }
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size() || value == 0 ||
        value > UINT64_MAX / unit)
        usage_error(fmt::format("{} '{}': expected a size such as 500M or 2G", option, text));
    return value * unit;
}

int run_tool(CLI::App& app, int argc, char** argv, const std::function<void()>& body) {
    hts_set_log_level(HTS_LOG_ERROR);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return kExitOk;
    } catch (const CLI::CallForVersion&) {
        std::cout << app.version() << "\n";
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        fmt::print(stderr, "{}: {}\nTry '{} --help' for more information.\n", tool_name(), e.what(), tool_name());
        return kExitUsage;
    }
    try {
        body();
    } catch (const Error& e) {
        fmt::print(stderr, "{}\n", e.what());
        return e.code();
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "{}: out of memory\n", tool_name());
        return kExitData;
    }
    return kExitOk;
}

}  // namespace m2h
