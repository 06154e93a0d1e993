// SPDX-License-Identifier: Apache-2.0
#include "tests/bench/procutil.h"

#include <QFile>

#include <fcntl.h>
#include <malloc.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

extern char **environ;

namespace tl::bench {

double nowSeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double cpuSeconds()
{
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

long statusKb(const char *field)
{
    std::FILE *f = std::fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long value = -1;
    const std::size_t n = std::strlen(field);
    while (std::fgets(line, sizeof line, f)) {
        if (std::strncmp(line, field, n) == 0 && line[n] == ':') {
            value = std::strtol(line + n + 1, nullptr, 10);
            break;
        }
    }
    std::fclose(f);
    return value;
}

bool resetPeak()
{
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
    std::FILE *f = std::fopen("/proc/self/clear_refs", "w");
    if (!f)
        return false;
    const bool ok = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && ok;
}

void trimHeap()
{
    malloc_trim(0);
}

ChildRun runChild(const QStringList &argv, const QString &stdoutPath, const QString &stdinPath, const QString &cwd)
{
    ChildRun r;
    r.stdoutPath = stdoutPath;
    std::vector<std::string> args;
    for (const QString &a : argv)
        args.push_back(QFile::encodeName(a).toStdString());
    std::vector<char *> cargv;
    for (std::string &a : args)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    const std::string out = QFile::encodeName(stdoutPath).toStdString();
    const std::string in = stdinPath.isEmpty() ? std::string("/dev/null") : QFile::encodeName(stdinPath).toStdString();
    posix_spawn_file_actions_addopen(&fa, 0, in.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::string dir;
    if (!cwd.isEmpty()) {
        dir = QFile::encodeName(cwd).toStdString();
        posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
    }
    pid_t pid = 0;
    const double t0 = nowSeconds();
    const int rc = posix_spawnp(&pid, cargv[0], &fa, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        std::fprintf(stderr, "tokenledger-bench: cannot start %s: %s\n", cargv[0], std::strerror(rc));
        return r;
    }
    int status = 0;
    struct rusage ru {};
    while (wait4(pid, &status, 0, &ru) < 0) {
        if (errno != EINTR)
            return r;
    }
    r.wallSeconds = nowSeconds() - t0;
    r.maxRssKb = ru.ru_maxrss;
    r.cpuSeconds = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

} // namespace tl::bench
