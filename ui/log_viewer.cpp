#include "ui/log_viewer.h"

#include "ui/models/gossip_log_model.h"
#include "ui/models/trace_json.h"
#include "ui/widgets/log_pane.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMessageBox>
#include <QStatusBar>

namespace grapevine::ui {

namespace {
constexpr int kMaxRows = GossipLogModel::kDefaultCapacity * 100; // a million packets
} // namespace

LogViewer::LogViewer(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("logViewer"));
    setAttribute(Qt::WA_DeleteOnClose);
    resize(960, 640);
}

bool LogViewer::load(QIODevice *device, const QString &name, QString *error)
{
    QList<PacketTrace> traces;
    m_skipped = 0;
    QString firstProblem;
    while (!device->atEnd() && traces.size() < kMaxRows) {
        const QByteArray line = device->readLine().trimmed();
        if (line.isEmpty())
            continue;
        QString problem;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        const auto trace = doc.isObject() ? traceFromJson(doc.object(), &problem) : std::nullopt;
        if (!trace) {
            ++m_skipped;
            if (firstProblem.isEmpty())
                firstProblem = problem.isEmpty() ? tr("not JSON") : problem;
            continue;
        }
        traces.append(*trace);
    }
    if (traces.isEmpty()) {
        *error = m_skipped > 0 ? tr("%1 holds no exported packets (%2)").arg(name, firstProblem)
                               : tr("%1 is empty").arg(name);
        return false;
    }
    m_model = new GossipLogModel(int(traces.size()), this);
    for (const PacketTrace &trace : std::as_const(traces))
        m_model->append(trace);
    m_model->flush();
    m_model->tickTimer().stop(); // nothing more will come
    m_pane = new LogPane(m_model, this);
    m_pane->setFollowing(false);
    setCentralWidget(m_pane);
    setWindowTitle(tr("%1 — %2 packets (read only)").arg(name, QString::number(traces.size())));
    if (m_skipped > 0)
        statusBar()->showMessage(
            tr("%1 lines were not exported packets and were skipped (first: %2)")
                .arg(m_skipped)
                .arg(firstProblem));
    return true;
}

void LogViewer::openFile(QWidget *parent)
{
    const QString path =
        QFileDialog::getOpenFileName(parent, tr("Open an exported gossip log"), QString(),
                                     tr("JSON lines (*.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    QString error;
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(parent, tr("Cannot open the log"),
                             tr("Could not read %1: %2").arg(path, file.errorString()));
        return;
    }
    auto *viewer = new LogViewer(parent);
    if (!viewer->load(&file, QFileInfo(path).fileName(), &error)) {
        delete viewer;
        QMessageBox::warning(parent, tr("Cannot open the log"), error);
        return;
    }
    viewer->setWindowFlag(Qt::Window);
    viewer->show();
}

} // namespace grapevine::ui
