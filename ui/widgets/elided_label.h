// elided_label.h — a one-line label for text of any length (the shared value): it paints
// the text elided to its width, with new lines shown as ⏎, and gives the whole text as its
// tooltip; text() stays the whole text. Click "full view" beside it to read it all.
#pragma once

#include <QLabel>

namespace grapevine::ui {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    void setFullText(const QString &text);
    // What is painted at the current width (for tests and the accessibility name).
    [[nodiscard]] QString shownText() const;
    [[nodiscard]] bool isElided() const { return shownText() != oneLine(text()); }
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] QSize sizeHint() const override;

signals:
    void elisionChanged(bool elided);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    [[nodiscard]] static QString oneLine(const QString &text);
    bool m_wasElided = false;
};

} // namespace grapevine::ui
