// SimGrid 3.32 peer for `racksim flows`: replays a flow list on the same spine-leaf fabric with
// SimGrid's CM02 flow model (max-min sharing, no TCP tricks) and prints the FCT file.
//
// Build (flows.sh does it): g++ -O2 -std=c++17 simgrid_flows.cpp -lsimgrid -o simgrid-flows
// Run:   simgrid-flows HOSTS HOSTS_PER_LEAF SPINES HOST_BPS UPLINK_BPS FLOWS.csv FCT.csv
//        (prints `run_s<TAB>wall seconds<TAB>CPU seconds` of engine.run() on stderr)
//        (bandwidths in bytes per second, each direction; routing is `modulo`).
//
// The fabric matches racksim's Fabric: every direction of every link is its own SimGrid link
// (full duplex), zero latency; a flow between two leaves uses host up, leaf -> spine s,
// spine s -> leaf, host down with s = (src + dst) mod SPINES; inside one leaf only the two host
// links. One route per (src, dst) pair in a full zone. Cross-traffic (SimGrid's 5% reverse
// ACK load) is off, so that the model is plain max-min. A launcher actor sleeps until each
// flow's start and spawns an actor that does a blocking Comm::sendto and records the clock.
#include <simgrid/s4u.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sg4 = simgrid::s4u;

struct Flow {
  std::string id, sender, receiver, bytes_text, start_text;
  int src, dst;
  uint64_t bytes;
  double start;
  double end = -1;
};

int main(int argc, char** argv) {
  std::vector<char*> args = {argv[0], const_cast<char*>("--cfg=network/model:CM02"),
                             const_cast<char*>("--cfg=network/crosstraffic:0"),
                             const_cast<char*>("--log=root.thres:critical")};
  if (argc != 8) {
    std::fprintf(stderr,
                 "usage: %s HOSTS HOSTS_PER_LEAF SPINES HOST_BPS UPLINK_BPS FLOWS.csv FCT.csv\n",
                 argv[0]);
    return 2;
  }
  int sg_argc = static_cast<int>(args.size());
  sg4::Engine engine(&sg_argc, args.data());
  const int hosts = std::stoi(argv[1]);
  const int per_leaf = std::stoi(argv[2]);
  const int spines = std::stoi(argv[3]);
  const double host_bps = std::stod(argv[4]);
  const double uplink_bps = std::stod(argv[5]);
  const int leaves = hosts / per_leaf;

  auto* zone = sg4::create_full_zone("fabric");
  std::vector<sg4::Host*> host(hosts);
  std::vector<sg4::Link*> up(hosts), down(hosts);
  for (int h = 0; h < hosts; h++) {
    host[h] = zone->create_host("h" + std::to_string(h), 1e9);
    up[h] = zone->create_link("h" + std::to_string(h) + "-up", host_bps)->set_latency(0)->seal();
    down[h] = zone->create_link("h" + std::to_string(h) + "-down", host_bps)->set_latency(0)->seal();
  }
  // leaf l <-> spine s, each direction.
  std::vector<sg4::Link*> leaf_up(leaves * spines), leaf_down(leaves * spines);
  for (int l = 0; l < leaves; l++)
    for (int s = 0; s < spines; s++) {
      std::string n = "l" + std::to_string(l) + "s" + std::to_string(s);
      leaf_up[l * spines + s] = zone->create_link(n + "-up", uplink_bps)->set_latency(0)->seal();
      leaf_down[l * spines + s] = zone->create_link(n + "-down", uplink_bps)->set_latency(0)->seal();
    }
  for (int a = 0; a < hosts; a++)
    for (int b = 0; b < hosts; b++) {
      if (a == b) continue;
      int la = a / per_leaf, lb = b / per_leaf;
      std::vector<sg4::LinkInRoute> links;
      links.emplace_back(up[a]);
      if (la != lb) {
        int s = (a + b) % spines;
        links.emplace_back(leaf_up[la * spines + s]);
        links.emplace_back(leaf_down[lb * spines + s]);
      }
      links.emplace_back(down[b]);
      zone->add_route(host[a]->get_netpoint(), host[b]->get_netpoint(), nullptr, nullptr, links,
                      false);
    }
  zone->seal();

  std::vector<Flow> flows;
  std::ifstream in(argv[6]);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream ss(line);
    Flow f;
    std::getline(ss, f.id, ',');
    std::getline(ss, f.sender, ',');
    std::getline(ss, f.receiver, ',');
    std::getline(ss, f.bytes_text, ',');
    std::getline(ss, f.start_text, ',');
    f.src = std::stoi(f.sender.substr(1));
    f.dst = std::stoi(f.receiver.substr(1));
    f.bytes = static_cast<uint64_t>(std::stod(f.bytes_text));
    f.start = std::stod(f.start_text);
    flows.push_back(f);
  }

  sg4::Actor::create("launcher", host[0], [&flows, &host]() {
    for (size_t i = 0; i < flows.size(); i++) {
      if (flows[i].start > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(flows[i].start);
      Flow* f = &flows[i];
      sg4::Actor::create("flow", host[f->src], [f, &host]() {
        sg4::Comm::sendto(host[f->src], host[f->dst], f->bytes);
        f->end = sg4::Engine::get_clock();
      });
    }
  });
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  engine.run();
  double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::chrono::duration<double> run_time = std::chrono::steady_clock::now() - t0;
  std::fprintf(stderr, "run_s\t%.6f\t%.6f\n", run_time.count(), cpu);

  FILE* out = std::fopen(argv[7], "w");
  std::fprintf(out, "id,sender,receiver,bytes,start_s,end_s\n");
  for (const Flow& f : flows)
    std::fprintf(out, "%s,%s,%s,%s,%s,%.17g\n", f.id.c_str(), f.sender.c_str(), f.receiver.c_str(),
                 f.bytes_text.c_str(), f.start_text.c_str(), f.end);
  std::fclose(out);
  return 0;
}
