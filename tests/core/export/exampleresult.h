// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/import/csvreader.h"
#include "core/model/ledgerset.h"
#include "core/reconcile/job.h"
#include "core/reconcile/jobrunner.h"
#include "core/reconcile/reconcileresult.h"
#include "core/reconcile/reconciler.h"

#include <QFile>
#include <QString>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tl::test {

/** The public clean-month example (../shared/examples/clean-month), reconciled. */
struct ExampleResult
{
    Job job;
    std::unique_ptr<LedgerSet> set = std::make_unique<LedgerSet>();
    ReconcileResult result;

    static QString dir() { return QStringLiteral(TL_SHARED_DIR "/examples/clean-month"); }

    static std::unique_ptr<ExampleResult> load()
    {
        auto e = std::make_unique<ExampleResult>();
        e->job = Job::load(dir() + QStringLiteral("/job.json"));
        JobRunner::load(e->job, *e->set);
        e->result = Reconciler::run(e->job, *e->set);
        return e;
    }
};

/** A parsed CSV: header and rows as strings (RFC 4180, via the core's reader). */
struct Csv
{
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    static Csv parse(const QByteArray &data)
    {
        Csv csv;
        CsvReader reader(data, QStringLiteral("output.csv"));
        bool first = true;
        while (reader.next()) {
            std::vector<std::string> fields;
            for (int i = 0; i < reader.size(); ++i)
                fields.emplace_back(reader.field(i));
            if (first)
                csv.header = std::move(fields);
            else
                csv.rows.push_back(std::move(fields));
            first = false;
        }
        return csv;
    }

    int column(const std::string &name) const
    {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name)
                return static_cast<int>(i);
        return -1;
    }
};

} // namespace tl::test
