// The headers nearly every test program parses: QtTest's core, the QtCore types tests use
// and the standard library. Parsing <QTest> alone took about 5 s of a 7 s test compile, so
// every test program reuses this one precompiled header (tests/CMakeLists.txt). It may only
// include headers that never test QT_GUI_LIB, QT_WIDGETS_LIB, QT_NETWORK_LIB or the test
// case paths: those differ between programs, and a precompiled header made with other
// values of a macro it reads is refused (gcc) or an error (clang). qtest.h itself reads them,
// so each test still includes <QTest>, which then costs little.
#pragma once

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qbytearray.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdatetime.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qhash.h>
#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmap.h>
#include <QtCore/qobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtimer.h>
#include <QtCore/qurl.h>
#include <QtCore/qvariant.h>
#include <QtTest/qbenchmark.h>
#include <QtTest/qtestcase.h>
#include <QtTest/qtestdata.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>
