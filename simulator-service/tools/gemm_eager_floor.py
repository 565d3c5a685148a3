# How stable is the eager launch floor the profile rows contain? For the profile's small-M linear shapes, times one
# call three ways, in 5 independent rounds (shapes interleaved, so drift hits all shapes alike):
#  sync  = CUDA events around one call after a device sync (host dispatch + GPU time, additive), median of 30;
#  b2b   = 30 back-to-back calls between two events / 30 (max(host, GPU) per call once the queue fills);
#  graph = the same 30 calls replayed as a CUDA graph / 30 (GPU time only; weights may stay L2-resident).
# Output: one json line per (round, shape, dtype, m). Usage: python3 gemm_eager_floor.py > h100-gemm-eager-floor.jsonl
import torch,json,statistics as st
d='cuda';o=torch.tensor(1.0,device=d)
S=[('llama8b','o',4096,4096),('llama70b_tp4','o',2048,8192),('llama8b','qkv',4096,6144),('llama70b_tp4','qkv',8192,2560),('llama8b','down',14336,4096),('llama70b_tp4','down',7168,8192)]
W={(mo,l):torch.randn(N,K,device=d,dtype=torch.bfloat16) for mo,l,K,N in S}
W8={k:v.to(torch.float8_e4m3fn) for k,v in W.items()}
def fn(mo,l,K,dt,m):
 x=torch.randn(m,K,device=d,dtype=torch.bfloat16);x8=x.to(torch.float8_e4m3fn);w=W[(mo,l)];w8=W8[(mo,l)]
 return (lambda:torch.nn.functional.linear(x,w)) if dt=='bf16' else (lambda:torch._scaled_mm(x8,w8.t(),scale_a=o,scale_b=o,out_dtype=torch.bfloat16))
def ev(): return torch.cuda.Event(enable_timing=True)
def sync(f,n=30):
 r=[]
 for _ in range(n):
  a=ev();b=ev();torch.cuda.synchronize();a.record();f();b.record();b.synchronize();r.append(a.elapsed_time(b)*1e3)
 return st.median(r)
def b2b(f,n=30):
 torch.cuda.synchronize();a=ev();b=ev();a.record()
 for _ in range(n):f()
 b.record();b.synchronize();return a.elapsed_time(b)*1e3/n
def graph(f,k=30):
 s=torch.cuda.Stream();s.wait_stream(torch.cuda.current_stream())
 with torch.cuda.stream(s):
  for _ in range(3):f()
 torch.cuda.current_stream().wait_stream(s);g=torch.cuda.CUDAGraph()
 with torch.cuda.graph(g):
  for _ in range(k):f()
 g.replay();torch.cuda.synchronize();a=ev();b=ev();a.record();g.replay();b.record();b.synchronize();return a.elapsed_time(b)*1e3/k
for rnd in range(5):
 for mo,l,K,N in S:
  for dt in ['bf16','fp8']:
   for m in [1,16,64,256]:
    if dt=='fp8' and m<16: continue
    f=fn(mo,l,K,dt,m)
    for _ in range(5): f()
    print(json.dumps(dict(round=rnd,model=mo,layer=l,dtype=dt,m=m,k=K,n=N,sync_us=round(sync(f),2),b2b_us=round(b2b(f),2),graph_us=round(graph(f),2))),flush=True)
