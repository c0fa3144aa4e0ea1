#!/usr/bin/env python3
"""The cost model (docs/reports.md, "Predicted time") recomputed outside s2bench, for the
integration tests that check a report's predicted time per reboot against it.

usage: predict-recompute.py DIR PROFILE CLASS KEY=VALUE...

Pools the warm boots (idx >= 1) of every run of DIR whose runs.csv columns equal each KEY=VALUE
(`vcpus` is read from boots.csv's `extra`, 1 when absent), takes the median of each count, and
prices it with PROFILE's constants of size class CLASS (l1, l2, llc, mem: the test knows its
guest RAM and the profile's geometry). Prints the time as the report writes it ("10.7 ms").
T = loaded·dirty + (reinit + fault_lines - loaded)·absent + faults·s2_fault + pages·map_4k +
tlbis·tlbi + icache·ic + N_other·inst, N_other = reboot_insts less each count times its
constant's path length, never below 0; constants in cycles are converted at the profile's clock.
"""
import csv
import statistics
import sys

d, prof, cls = sys.argv[1], sys.argv[2], sys.argv[3]
want = dict(a.split('=', 1) for a in sys.argv[4:])
value, unit, path = {}, {}, {}
for line in open(prof):
    w = line.split()
    if len(w) > 3 and w[1] == '=' and w[3] in ('ns', 'cycles', 'MHz'):
        value[w[0]], unit[w[0]] = float(w[2]), w[3]
    if 'path' in w:
        path[w[0]] = float(w[w.index('path') + 1])


def ns(c):
    return value[c] * 1000.0 / value['clock'] if unit[c] == 'cycles' else value[c]


def vcpus(extra):
    keys = dict(kv.split('=', 1) for kv in extra.split(';') if '=' in kv)
    return keys.get('vcpus', '1')


runs = {r['run_id'] for r in csv.DictReader(open(d + '/runs.csv'))
        if all(r[k] == v for k, v in want.items() if k != 'vcpus')}
boots = [b for b in csv.DictReader(open(d + '/boots.csv'))
         if b['run_id'] in runs and int(b['idx']) >= 1 and vcpus(b['extra']) == want.get('vcpus', vcpus(b['extra']))]
if not boots:
    sys.exit('predict-recompute: no warm boot of a run with ' + ' '.join(sys.argv[4:]))


def m(f):
    return statistics.median(float(b[f]) for b in boots)


loaded = m('reinit_lines_loaded')
terms = [(loaded, 'dc_civac.dirty.' + cls),
         (m('reinit_lines') + m('fault_lines') - loaded, 'dc_civac.absent.' + cls),
         (m('faults'), 's2_fault'), (m('pages_mapped'), 'map_4k'), (m('tlbis'), 'tlbi_vmalls12e1is'),
         (m('icache_invals'), 'ic_ialluis')]
other = m('reboot_insts') - sum(n * path[c] for n, c in terms if n)
t = sum(n * ns(c) for n, c in terms) + max(0, other) * ns('inst')
for scale, name in ((1e9, 's'), (1e6, 'ms'), (1e3, 'µs')):
    if t >= scale:
        print('%.3g %s' % (t / scale, name))
        break
else:
    print('%.3g ns' % t)
