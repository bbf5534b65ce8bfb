// fuzz_http.cpp — libFuzzer target for the HTTP request path: the parser is fed the input in
// chunks whose sizes come from the input itself, and a completed request goes through the
// query decoder. Properties checked: no crash, the limits hold, Failed carries a status.
#include "core/http/http_request_parser.h"

#include <cstdint>
#include <cstdlib>

using grapevine::http::HttpRequestParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype chunk = 1 + data[0] % 64;
    HttpRequestParser parser(1024, 4096);
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    qsizetype left = qsizetype(size - 1);
    while (left > 0 && parser.status() == HttpRequestParser::Status::NeedMore) {
        const qsizetype n = std::min(chunk, left);
        parser.feed(QByteArrayView(bytes, n));
        bytes += n;
        left -= n;
    }
    if (parser.status() == HttpRequestParser::Status::Failed && parser.errorStatus() < 400)
        std::abort();
    if (parser.status() == HttpRequestParser::Status::Complete) {
        if (parser.request().body.size() > parser.maxBody())
            std::abort();
        (void)parser.request().queryValue("set");
        (void)parser.request().header("Host");
    }
    return 0;
}
