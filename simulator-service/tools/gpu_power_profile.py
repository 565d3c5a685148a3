"""Board power vs utilization on one NVIDIA GPU (for engine.energy.PowerModel's fit).

Runs compute-bound (large BF16/FP8 GEMMs), memory-bound (HBM copy, decode-shaped GEMM) kernels at several duty
cycles and reads the board's energy counter (NVML total energy, mJ) over each window. One JSON object per line:
  {"section":"device",...}, {"section":"idle","watts":..}, {"section":"power","workload":..,"duty":..,
   "watts":.., "busy_fraction":.., "tflops":.., "tb_per_s":.., "sm_clock_mhz":.., "temp_c":..}
tflops / tb_per_s are averaged over the whole window (wall time), i.e. utilization x peak achieved.
Usage: python3 gpu_power_profile.py > power.jsonl   (needs torch and nvidia-ml-py; ~2 minutes)
"""
import json, sys, time
import torch
import pynvml

WINDOW_S = 6.0
SETTLE_S = 1.5
BURST_S = 0.02

pynvml.nvmlInit()
h = pynvml.nvmlDeviceGetHandleByIndex(0)
dev = torch.device("cuda")
props = torch.cuda.get_device_properties(0)


def emit(**kw):
    print(json.dumps(kw), flush=True)


def energy_j():
    return pynvml.nvmlDeviceGetTotalEnergyConsumption(h) / 1000.0


emit(section="device", name=props.name, sms=props.multi_processor_count,
     power_limit_w=pynvml.nvmlDeviceGetPowerManagementLimit(h) / 1000.0,
     power_default_limit_w=pynvml.nvmlDeviceGetPowerManagementDefaultLimit(h) / 1000.0,
     torch=torch.__version__, driver=pynvml.nvmlSystemGetDriverVersion())


def make_workloads():
    w = {}
    a = torch.randn(8192, 8192, device=dev, dtype=torch.bfloat16)
    b = torch.randn(8192, 8192, device=dev, dtype=torch.bfloat16)
    w["gemm_bf16_8192"] = (lambda: torch.mm(a, b), 2 * 8192 ** 3, 3 * 8192 * 8192 * 2)
    try:
        a8 = a.to(torch.float8_e4m3fn)
        b8 = b.to(torch.float8_e4m3fn).t().contiguous().t()
        one = torch.tensor(1.0, device=dev)
        torch._scaled_mm(a8, b8, scale_a=one, scale_b=one, out_dtype=torch.bfloat16)
        w["gemm_fp8_8192"] = (lambda: torch._scaled_mm(a8, b8, scale_a=one, scale_b=one, out_dtype=torch.bfloat16),
                              2 * 8192 ** 3, 2 * 8192 * 8192 + 8192 * 8192 * 2)
    except Exception as e:  # no FP8 path
        emit(section="skip", workload="gemm_fp8_8192", reason=str(e)[:200])
    src = torch.empty(1 << 30, device=dev, dtype=torch.uint8).fill_(1)
    dst = torch.empty_like(src)
    w["hbm_copy_1gib"] = (lambda: dst.copy_(src), 0, 2 * (1 << 30))
    x = torch.randn(64, 8192, device=dev, dtype=torch.bfloat16)
    wt = torch.randn(28672, 8192, device=dev, dtype=torch.bfloat16)
    w["decode_gemm_m64"] = (lambda: torch.nn.functional.linear(x, wt), 2 * 64 * 8192 * 28672,
                            28672 * 8192 * 2 + 64 * 8192 * 2 + 64 * 28672 * 2)
    return w


def run_level(name, fn, flops, nbytes, duty):
    # calibrate kernels per burst
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(10):
        fn()
    torch.cuda.synchronize()
    per = (time.perf_counter() - t0) / 10
    n = max(1, int(BURST_S / per))
    start = stop = None
    busy = 0.0
    kernels = 0
    t_begin = time.perf_counter()
    measuring = False
    while True:
        now = time.perf_counter()
        if not measuring and now - t_begin >= SETTLE_S:
            measuring = True
            e0, w0, busy, kernels = energy_j(), now, 0.0, 0
        if measuring and now - w0 >= WINDOW_S:
            break
        s = torch.cuda.Event(enable_timing=True)
        e = torch.cuda.Event(enable_timing=True)
        s.record()
        for _ in range(n):
            fn()
        e.record()
        e.synchronize()
        ms = s.elapsed_time(e) / 1000.0
        if measuring:
            busy += ms
            kernels += n
        if duty < 1:
            time.sleep(ms * (1 - duty) / duty)
    wall = time.perf_counter() - w0
    joules = energy_j() - e0
    emit(section="power", workload=name, duty=duty, watts=joules / wall, busy_fraction=busy / wall,
         tflops=flops * kernels / wall / 1e12, tb_per_s=nbytes * kernels / wall / 1e12, window_s=wall,
         sm_clock_mhz=pynvml.nvmlDeviceGetClockInfo(h, pynvml.NVML_CLOCK_SM),
         temp_c=pynvml.nvmlDeviceGetTemperature(h, pynvml.NVML_TEMPERATURE_GPU))


def idle(label):
    torch.cuda.synchronize()
    time.sleep(SETTLE_S)
    e0, t0 = energy_j(), time.perf_counter()
    time.sleep(WINDOW_S)
    emit(section="idle", label=label, watts=(energy_j() - e0) / (time.perf_counter() - t0),
         sm_clock_mhz=pynvml.nvmlDeviceGetClockInfo(h, pynvml.NVML_CLOCK_SM),
         temp_c=pynvml.nvmlDeviceGetTemperature(h, pynvml.NVML_TEMPERATURE_GPU))


idle("context created, before any kernel")
work = make_workloads()
plan = [("gemm_bf16_8192", [1.0, 0.75, 0.5, 0.25, 0.1]), ("hbm_copy_1gib", [1.0, 0.75, 0.5, 0.25, 0.1]),
        ("gemm_fp8_8192", [1.0, 0.5]), ("decode_gemm_m64", [1.0, 0.5])]
for name, duties in plan:
    if name not in work:
        continue
    fn, flops, nbytes = work[name]
    for d in duties:
        run_level(name, fn, flops, nbytes, d)
idle("after the workloads")
