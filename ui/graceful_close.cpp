#include "ui/graceful_close.h"

#include <QTimer>
#include <QWidget>

namespace grapevine::ui {

GracefulClose::GracefulClose(QWidget *window, int guardMs)
    : QObject(window)
    , m_window(window)
    , m_guard(new QTimer(this))
{
    m_guard->setObjectName(QStringLiteral("leaveGuard"));
    m_guard->setSingleShot(true);
    m_guard->setInterval(guardMs);
    connect(m_guard, &QTimer::timeout, this, &GracefulClose::expireGuard);
}

void GracefulClose::setMember(bool member)
{
    if (m_phase == Phase::Leaving || m_phase == Phase::Closing)
        return; // the window is on its way out; a late join changes nothing
    m_phase = member ? Phase::Member : Phase::Out;
}

bool GracefulClose::deferClose()
{
    switch (m_phase) {
    case Phase::Member:
        m_phase = Phase::Leaving;
        m_guard->start();
        emit leaveRequested();
        return true;
    case Phase::Leaving: // closed again while waiting: the user does not want to wait
    case Phase::Closing:
    case Phase::Out:
        m_guard->stop();
        m_phase = Phase::Closing;
        return false;
    }
    return false;
}

void GracefulClose::onLeaveFinished()
{
    if (m_phase == Phase::Leaving) {
        closeNow();
        return;
    }
    if (m_phase == Phase::Member)
        m_phase = Phase::Out; // a leave from the menu: the window stays, out of the cluster
}

void GracefulClose::expireGuard()
{
    if (m_phase == Phase::Leaving)
        closeNow();
}

void GracefulClose::closeNow()
{
    m_guard->stop();
    m_phase = Phase::Closing;
    m_window->close();
}

} // namespace grapevine::ui
