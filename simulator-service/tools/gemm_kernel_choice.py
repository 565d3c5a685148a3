# Which cuBLAS kernels (tile, split-K + reduce) PyTorch runs for the profile's small-M linear shapes on this GPU, with
# eager single-call time (CUDA events around one call) and CUDA-graph time per call (20 back-to-back calls; weights
# may stay L2-resident, so small shapes read optimistic). Output: engine/data/h100-gemm-kernels.jsonl.
# Usage: python3 gemm_kernel_choice.py > h100-gemm-kernels.jsonl
import torch,json,statistics as st
from torch.profiler import profile,ProfilerActivity as A
d='cuda';o=torch.tensor(1.0,device=d)
S=[('llama8b','o',4096,4096),('llama70b_tp4','o',2048,8192),('llama8b','qkv',4096,6144),('llama70b_tp4','qkv',8192,2560),('llama8b','down',14336,4096),('llama70b_tp4','down',7168,8192)]
def ev(f,n=50):
 r=[]
 for _ in range(n):
  a=torch.cuda.Event(enable_timing=True);b=torch.cuda.Event(enable_timing=True);torch.cuda.synchronize();a.record();f();b.record();b.synchronize();r.append(a.elapsed_time(b)*1e3)
 return st.median(r)
def gr(f,k=20):
 s=torch.cuda.Stream();s.wait_stream(torch.cuda.current_stream())
 with torch.cuda.stream(s):
  for _ in range(3):f()
 torch.cuda.current_stream().wait_stream(s);g=torch.cuda.CUDAGraph()
 with torch.cuda.graph(g):
  for _ in range(k):f()
 r=[]
 for _ in range(20):
  a=torch.cuda.Event(enable_timing=True);b=torch.cuda.Event(enable_timing=True);a.record();g.replay();b.record();b.synchronize();r.append(a.elapsed_time(b)*1e3/k)
 return st.median(r)
def kn(f):
 with profile(activities=[A.CUDA]) as p:f();torch.cuda.synchronize()
 return [e.name[:90] for e in p.events() if e.device_type.name=='CUDA']
for mo,l,K,N in S:
 w=torch.randn(N,K,device=d,dtype=torch.bfloat16);w8=w.to(torch.float8_e4m3fn)
 for dt in['bf16','fp8']:
  for m in[1,16,32,64,128,256,512]:
   if dt=='fp8'and m<16:continue
   x=torch.randn(m,K,device=d,dtype=torch.bfloat16);x8=x.to(torch.float8_e4m3fn)
   f=(lambda:torch.nn.functional.linear(x,w))if dt=='bf16'else(lambda:torch._scaled_mm(x8,w8.t(),scale_a=o,scale_b=o,out_dtype=torch.bfloat16))
   for _ in range(5):f()
   print(json.dumps(dict(model=mo,layer=l,dtype=dt,m=m,k=K,n=N,eager_us=ev(f),graph_us=gr(f),kernels=kn(f))),flush=True)
