# Board power vs utilization on one NVIDIA GPU (fits engine.energy.PowerModel via calibration.PowerFit).
# This is the exact script that produced engine/data/h100-power-profile.jsonl (kept compact: it was sent inline).
# Runs BF16/FP8 8192^3 GEMMs, 1 GiB HBM copies and an M=64 decode-shaped GEMM at 10-100 % duty (20 ms bursts, sleeps
# between), reading the NVML total-energy counter over 6 s windows after 1.5 s settling; idle before and after.
# One JSON object per line: device, idle {watts}, power {workload, duty, watts, busy_fraction, tflops, tb_per_s,
# window_s, sm_clock_mhz, temp_c}; tflops/tb_per_s are averaged over the window.
# Usage: python3 gpu_power_profile.py > power.jsonl   (needs torch and nvidia-ml-py; about 2 minutes)
import json,time,torch,pynvml as N
N.nvmlInit();h=N.nvmlDeviceGetHandleByIndex(0);d=torch.device("cuda");W=6.0;S=1.5
def P(**k):print(json.dumps(k),flush=True)
E=lambda:N.nvmlDeviceGetTotalEnergyConsumption(h)/1e3
Q=lambda:dict(sm_clock_mhz=N.nvmlDeviceGetClockInfo(h,N.NVML_CLOCK_SM),temp_c=N.nvmlDeviceGetTemperature(h,0))
P(section="device",name=torch.cuda.get_device_name(0),sms=torch.cuda.get_device_properties(0).multi_processor_count,power_limit_w=N.nvmlDeviceGetPowerManagementLimit(h)/1e3,driver=N.nvmlSystemGetDriverVersion(),torch=torch.__version__)
def I(l):
 torch.cuda.synchronize();time.sleep(S);e,t=E(),time.perf_counter();time.sleep(W);P(section="idle",label=l,watts=(E()-e)/(time.perf_counter()-t),**Q())
I("context created, before any kernel")
a=torch.randn(8192,8192,device=d,dtype=torch.bfloat16);b=torch.randn_like(a)
a8=a.to(torch.float8_e4m3fn);b8=b.to(torch.float8_e4m3fn).t().contiguous().t();o=torch.tensor(1.0,device=d)
s=torch.empty(1<<30,device=d,dtype=torch.uint8).fill_(1);t=torch.empty_like(s)
x=torch.randn(64,8192,device=d,dtype=torch.bfloat16);w=torch.randn(28672,8192,device=d,dtype=torch.bfloat16)
G=2*8192**3
L=[("gemm_bf16_8192",lambda:torch.mm(a,b),G,6*8192**2,[1,.75,.5,.25,.1]),("hbm_copy_1gib",lambda:t.copy_(s),0,2<<30,[1,.75,.5,.25,.1]),("gemm_fp8_8192",lambda:torch._scaled_mm(a8,b8,scale_a=o,scale_b=o,out_dtype=torch.bfloat16),G,4*8192**2,[1,.5]),("decode_gemm_m64",lambda:torch.nn.functional.linear(x,w),2*64*8192*28672,2*28672*8192,[1,.5])]
for nm,f,fl,nb,ds in L:
 for du in ds:
  torch.cuda.synchronize();t0=time.perf_counter()
  for _ in range(10):f()
  torch.cuda.synchronize();n=max(1,int(.02/((time.perf_counter()-t0)/10)));tb=time.perf_counter();m=False
  while 1:
   now=time.perf_counter()
   if not m and now-tb>=S:m=True;e0,w0,bu,k=E(),now,0.,0
   if m and now-w0>=W:break
   s1=torch.cuda.Event(enable_timing=True);s2=torch.cuda.Event(enable_timing=True);s1.record()
   for _ in range(n):f()
   s2.record();s2.synchronize();ms=s1.elapsed_time(s2)/1e3
   if m:bu+=ms;k+=n
   if du<1:time.sleep(ms*(1-du)/du)
  wl=time.perf_counter()-w0;P(section="power",workload=nm,duty=du,watts=(E()-e0)/wl,busy_fraction=bu/wl,tflops=fl*k/wl/1e12,tb_per_s=nb*k/wl/1e12,window_s=wl,**Q())
I("after the workloads")
