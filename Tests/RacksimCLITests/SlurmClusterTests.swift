import Foundation
import RacksimTestSupport
import Testing

/// A sweep through a real Slurm: this test starts munge, slurmctld and slurmd from Debian's
/// packages (`munge`, `slurmctld`, `slurmd`, `slurm-client`) as a one-node cluster in a
/// temporary folder with ports of its own, submits a 4-run sweep with `racksim sweep --slurm`,
/// waits for the array, collects, and compares sweep.csv and sweep.json byte for byte with the
/// local sweep of the same file. It stops the daemons it started (by their pid files).
///
/// Skipped, saying why, where the daemons are not installed or the test is not root (slurmd
/// runs the tasks as the submitting user, and munged needs the key in /etc/munge).
@Suite struct SlurmClusterTests {
  static let daemons = ["/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd"]
  static let clients = ["/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/sinfo"]

  static var available: Bool {
    getuid() == 0 && FileManager.default.isReadableFile(atPath: "/etc/munge/munge.key")
      && (daemons + clients).allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static var hostname: String {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, buffer.count)
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let name = String(decoding: bytes, as: UTF8.self)
    return String(name.split(separator: ".").first ?? "localhost")
  }

  /// Runs a program to its end; its status and output.
  @discardableResult
  static func run(_ path: String, _ arguments: [String], environment: [String: String])
    throws -> (status: Int32, out: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let bytes = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
  }

  /// Starts a daemon in the foreground, as a child of this process that `stop()` ends; its
  /// output goes to /dev/null (each daemon has a log file).
  ///
  /// Through `posix_spawn` with an empty signal mask and default handlers, not `Process`: a
  /// child inherits the signal mask of the thread that starts it, and test threads block most
  /// signals, which the Slurm daemons need (their agents hang) and munged's SIGTERM needs.
  static func start(_ path: String, _ arguments: [String], environment: [String: String])
    throws -> pid_t
  {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard status == 0 else {
      throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: path])
    }
    return pid
  }

  /// A one-node cluster in `dir`; `stop()` ends the daemons it started.
  final class Cluster {
    let dir: URL
    let environment: [String: String]
    var daemons: [pid_t] = []

    init(dir: URL) throws {
      self.dir = dir
      let fm = FileManager.default
      for sub in ["state", "spool", "log", "munge"] {
        try fm.createDirectory(
          at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
      }
      let d = dir.path
      // Ports of its own: two in 20000 … 39999 from the process id.
      let port = 20_000 + Int(getpid() % 10_000) * 2
      let host = SlurmClusterTests.hostname
      let conf = """
        ClusterName=racksim-test
        SlurmctldHost=\(host)(127.0.0.1)
        SlurmctldPort=\(port)
        SlurmdPort=\(port + 1)
        SlurmUser=root
        AuthType=auth/munge
        AuthInfo=socket=\(d)/munge/munge.socket
        CredType=cred/munge
        StateSaveLocation=\(d)/state
        SlurmdSpoolDir=\(d)/spool
        SlurmctldPidFile=\(d)/slurmctld.pid
        SlurmdPidFile=\(d)/slurmd.pid
        SlurmctldLogFile=\(d)/log/slurmctld.log
        SlurmdLogFile=\(d)/log/slurmd.log
        ProctrackType=proctrack/linuxproc
        TaskPlugin=task/none
        SelectType=select/cons_tres
        SelectTypeParameters=CR_Core
        MpiDefault=none
        ReturnToService=2
        JobAcctGatherType=jobacct_gather/none
        AccountingStorageType=accounting_storage/none
        NodeName=\(host) NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
        PartitionName=racksim Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

        """
      try Data(conf.utf8).write(to: dir.appendingPathComponent("slurm.conf"))
      var env = ProcessInfo.processInfo.environment
      env["SLURM_CONF"] = d + "/slurm.conf"
      environment = env
      func start(_ path: String, _ arguments: [String]) throws {
        daemons.append(try SlurmClusterTests.start(path, arguments, environment: env))
      }
      try start(
        "/usr/sbin/munged",
        [
          "--foreground", "--force", "--socket=\(d)/munge/munge.socket",
          "--pid-file=\(d)/munge/munged.pid",
          "--log-file=\(d)/munge/munged.log", "--seed-file=\(d)/munge/seed",
        ])
      // slurmctld and slurmd authenticate through munged's socket from their first moment.
      for _ in 0..<100 where !fm.fileExists(atPath: d + "/munge/munge.socket") {
        usleep(50_000)
      }
      try start("/usr/sbin/slurmctld", ["-D", "-i", "-f", d + "/slurm.conf"])
      try start("/usr/sbin/slurmd", ["-D", "-f", d + "/slurm.conf", "-N", host])
    }

    /// Waits until the node is idle (up to 30 s).
    func waitForNode() throws -> Bool {
      for _ in 0..<150 {
        let r = try SlurmClusterTests.run(
          "/usr/bin/sinfo", ["-h", "-o", "%t"], environment: environment)
        if r.status == 0 && r.out.hasPrefix("idle") { return true }
        usleep(200_000)
      }
      return false
    }

    /// Waits until no job is queued or running (up to 120 s).
    func waitForEmptyQueue() throws -> Bool {
      for _ in 0..<600 {
        let r = try SlurmClusterTests.run("/usr/bin/squeue", ["-h"], environment: environment)
        if r.status == 0 && r.out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          return true
        }
        usleep(200_000)
      }
      return false
    }

    var logs: String {
      ["log/slurmctld.log", "log/slurmd.log"].compactMap {
        try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)
      }.joined(separator: "\n")
    }

    /// Ends the daemons this cluster started (its own children, by pid), and waits for each.
    func stop() {
      for pid in daemons.reversed() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
      }
    }
  }

  @Test(.enabled(if: available, "needs root and Debian's munge, slurmctld, slurmd, slurm-client"))
  func aSlurmArraySweepMatchesTheLocalSweep() throws {
    let dir = TestSupport.temporaryFolder()
    let sweep = try SweepCommandTests.sweepFile(dir, name: "slurm", seeds: 2)
    let local = dir.appendingPathComponent("local")
    let l = try SweepCommandTests.run(["sweep", sweep, "--out", local.path, "--quiet"])
    #expect(l.status == 0, "\(l.err)")

    let cluster = try Cluster(dir: dir.appendingPathComponent("cluster"))
    defer { cluster.stop() }
    try #require(try cluster.waitForNode(), "the node did not come up:\n\(cluster.logs)")
    let out = dir.appendingPathComponent("slurm-out")
    let submit = try Self.run(
      CommandLineTests.executable.path, ["sweep", sweep, "--slurm", "--out", out.path],
      environment: cluster.environment)
    #expect(submit.status == 0, "\(submit.out)")
    #expect(submit.out.hasPrefix("submitted job array "), "\(submit.out)")
    try #require(try cluster.waitForEmptyQueue(), "the array did not finish:\n\(cluster.logs)")
    let collect = try SweepCommandTests.run(["sweep", sweep, "--collect", "--out", out.path])
    #expect(collect.status == 0, "\(collect.err)\n\(cluster.logs)")
    for name in ["sweep.csv", "sweep.json"] {
      #expect(
        try SweepCommandTests.bytes(local, name) == SweepCommandTests.bytes(out, name), "\(name)")
    }
    // One script for the whole array, and one log per task (4 runs).
    let slurm = try FileManager.default.contentsOfDirectory(atPath: out.path + "/slurm")
    #expect(slurm.filter { $0.hasSuffix(".sbatch") } == ["racksim-array.sbatch"])
    #expect(slurm.filter { $0.hasSuffix(".log") }.count == 4)
  }
}
