// Fuzzes the node's HTTP API routing (core/api/node_http_api.h) against a live Node: the
// input is parsed as one request by the real parser and handed to NodeHttpApi::handle, the
// function the server calls. Whatever the method, path, query or body: no crash, a status
// from 200 to 599, every refusal (4xx/5xx) in the API's one JSON error shape carrying the
// same status, every JSON reply valid JSON, a 405 naming what is Allowed, and the Node
// still answering afterwards.
#include "core/api/node_http_api.h"
#include "core/http/http_request_parser.h"
#include "core/node/node.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cstdlib>
#include <memory>

using namespace grapevine;

namespace {

constexpr qsizetype kMaxHeaderBytes = 8192;
constexpr qsizetype kMaxBodyBytes = 65536;

void check(bool holds)
{
    if (!holds)
        std::abort();
}

struct LiveNode {
    LiveNode()
    {
        NodeOptions options;
        options.name = QStringLiteral("fuzz");
        options.bindHost = QStringLiteral("127.0.0.1");
        options.bindPort = 0;
        options.profile = QStringLiteral("local");
        options.dataDir = dir.path();
        node = std::make_unique<Node>(options);
        QString error;
        check(node->start(&error));
        api = std::make_unique<api::NodeHttpApi>(node.get());
    }
    QTemporaryDir dir;
    std::unique_ptr<Node> node;
    std::unique_ptr<api::NodeHttpApi> api;
};

LiveNode &live()
{
    static LiveNode instance;
    return instance;
}

void checkResponse(const http::HttpResponse &response)
{
    check(response.status >= 200 && response.status <= 599);
    const bool json = response.contentType.startsWith("application/json");
    QJsonParseError parsed{};
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parsed);
    check(!json || parsed.error == QJsonParseError::NoError);
    if (response.status >= 400) {
        check(json && document.isObject());
        check(document.object().value(QStringLiteral("status")).toInt() == response.status);
        check(!document.object().value(QStringLiteral("error")).toString().isEmpty());
    }
    if (response.status == 405) {
        bool allow = false;
        for (const auto &[name, value] : response.headers)
            allow = allow || (name.compare("Allow", Qt::CaseInsensitive) == 0 && !value.isEmpty());
        check(allow);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    (void)live();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    http::HttpRequestParser parser(kMaxHeaderBytes, kMaxBodyBytes);
    parser.feed(QByteArrayView(data, qsizetype(size)));
    if (parser.status() != http::HttpRequestParser::Status::Complete)
        return 0;
    checkResponse(live().api->handle(parser.request()));
    QCoreApplication::processEvents(); // what the Node posted meanwhile (timers, signals)
    check(live().node->members().size() >= 1);
    return 0;
}
