// The libxml2 adapter of config/: compiles an XPath expression, nothing else.
#include "config/xpath_syntax.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include <memory>
#include <mutex>
#include <string>

namespace newsvault::config {
namespace {

struct ErrorSink {
  std::string message;
};

void CollectError(void* user_data, xmlErrorPtr error) {
  auto* sink = static_cast<ErrorSink*>(user_data);
  if (sink == nullptr || error == nullptr || !sink->message.empty()) return;
  std::string message = error->message != nullptr ? error->message : "invalid expression";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // libxml2 puts the offset where compiling failed in int1.
  if (error->str1 != nullptr) message += " at offset " + std::to_string(error->int1);
  sink->message = std::move(message);
}

void DropGenericError(void* /*ctx*/, const char* /*msg*/, ...) {}

struct ContextDeleter {
  void operator()(xmlXPathContextPtr ctx) const { xmlXPathFreeContext(ctx); }
};
struct CompDeleter {
  void operator()(xmlXPathCompExprPtr comp) const { xmlXPathFreeCompExpr(comp); }
};

}  // namespace

core::Status CheckXPathSyntax(std::string_view xpath) {
  if (xpath.empty()) return core::Status::Ok();
  const std::string source(xpath);
  if (source.find('\0') != std::string::npos) {
    return core::Status::InvalidArgument("invalid XPath: contains a NUL byte");
  }
  static std::once_flag init_once;
  std::call_once(init_once, [] { xmlInitParser(); });
  // libxml2 gives an XPath error's message only to the per-thread structured
  // handler (a context's own callback gets the code alone); some paths print
  // through the generic one. Both point here for the call, then are restored.
  const xmlGenericErrorFunc saved_func = xmlGenericError;
  void* const saved_ctx = xmlGenericErrorContext;
  const xmlStructuredErrorFunc saved_structured = xmlStructuredError;
  void* const saved_structured_ctx = xmlStructuredErrorContext;
  ErrorSink sink;
  xmlSetGenericErrorFunc(nullptr, DropGenericError);
  xmlSetStructuredErrorFunc(&sink, CollectError);
  bool ok = false;
  {
    const std::unique_ptr<xmlXPathContext, ContextDeleter> ctx(xmlXPathNewContext(nullptr));
    if (ctx != nullptr) {
      const std::unique_ptr<xmlXPathCompExpr, CompDeleter> comp(
          xmlXPathCtxtCompile(ctx.get(), reinterpret_cast<const xmlChar*>(source.c_str())));
      ok = comp != nullptr;
    }
  }
  xmlSetStructuredErrorFunc(saved_structured_ctx, saved_structured);
  xmlSetGenericErrorFunc(saved_ctx, saved_func);
  if (ok) return core::Status::Ok();
  return core::Status::InvalidArgument(
      "invalid XPath '" + source +
      "': " + (sink.message.empty() ? "invalid expression" : sink.message));
}

}  // namespace newsvault::config
