"""CPU seconds of each part of Signpost's read phase, from a perf profile.

    perf record -q -F 1999 -g -o X.perf signpost score ...
    perf script -i X.perf -F tid,time,ip,sym --no-demangle | python3 read_phases.py 1999 [parts]

Each sample goes to the innermost reading frame on its stack (person tables, links, events,
hashing, link grouping, event lists grouped, the rest of the population build); a tokenizer
sample with no such frame goes to its thread's part. Prints samples, CPU-s (samples / hz) and
the first and last sample's time of each part; with `parts` (comma-separated), the leaf
symbols of those parts.
"""
import sys,re,collections
hz=float(sys.argv[1]) if len(sys.argv)>1 else 1999
rows=[];cur=None
for line in sys.stdin:
    if not line.strip(): cur=None; continue
    if not line.startswith('\t') and not line.startswith(' '*8):
        m=re.match(r'\s*(\d+)\s+([\d.]+):',line)
        if m: cur=[int(m.group(1)),float(m.group(2)),[]]; rows.append(cur); continue
    if cur is not None:
        parts=line.strip().split(None,1)
        if len(parts)==2: cur[2].append(parts[1])
labels=[('reserve','PopulationBuilderV15reserveCapacity'),
 ('linkgroup','LinkGrouping'),('eventTable','eventTable'),('build','PopulationBuilderV5build'),
 ('links','readLinkTable'),('links','LinkFile'),('links','LinkChunk'),
 ('events','EventFile'),('events','EventChunk'),('events','readEventFiles'),('events','takeEvents'),
 ('person','readPersonTable'),('person','PersonChunk'),
 ('hash','FileDigests'),('read-other','ExtractReader'),('read-other','ChunkPipeline')]
t0=rows[0][1]
cnt=collections.Counter(); first={}; last={}
leaf=collections.defaultdict(collections.Counter)
def classify(st):
    for s in st:
        for l,pat in labels:
            if pat in s: return l
    return 'other'
bytid=collections.defaultdict(collections.Counter)
for tid,t,st in rows:
    l=classify(st)
    if l not in ('other','read-other'): bytid[tid][l]+=1
for tid,t,st in rows:
    lab=classify(st)
    if lab=='read-other' and bytid[tid]: lab=bytid[tid].most_common(1)[0][0]
    cnt[lab]+=1
    first.setdefault(lab,t-t0); last[lab]=t-t0
    leaf[lab][re.sub(r'\$s14SignpostEngine','',st[0])[:70] if st else '?']+=1
readlabs=[l for l in cnt if l!='other']
print('part        samples  cpu-s   first   last')
for l in ['person','reserve','hash','links','events','linkgroup','eventTable','build','read-other','other']:
    if l in cnt: print(f'{l:11s} {cnt[l]:7d} {cnt[l]/hz:6.3f} {first[l]:7.3f} {last[l]:7.3f}')
print('read total', sum(cnt[l] for l in readlabs), f'{sum(cnt[l] for l in readlabs)/hz:.3f}')
if len(sys.argv)>2:
    for l in sys.argv[2].split(','):
        print('--',l); 
        for s,c in leaf[l].most_common(25): print(f'{c:6d} {s}')
