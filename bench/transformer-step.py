# PyTorch reference for bench/transformer-step.ts: the same transformer reward model (pre-LN encoder, GELU tanh,
# mean pooling over non-pad tokens, final LN without bias, scalar head), the same initial weights and token batches,
# one Bradley-Terry step = forward + softplus(r_rejected - r_chosen) + backward + AdamW. The timed steps run back
# to back with one wait for the device at the end (as the TypeScript side). Prints JSON on stdout.
# Run with /usr/bin/python3 (Debian python3-torch). argv[1]: the spec JSON written by the TypeScript side; argv[2]
# (optional): the setups, comma-separated, of cpu1 (one thread), cpuN (all cores), cuda (when present); default all.
# With only cuda asked for and no CUDA device, prints no results and says why (the GPU check's reference is CUDA).
import json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

spec = json.load(open(sys.argv[1]))
c = spec["config"]
V, L, d, H, layers, ffn = c["vocabBuckets"], c["maxTokens"], c["dModel"], c["heads"], c["layers"], c["ffn"]


def load_params(device):
    ps = {}
    for p in spec["params"]:
        a = np.fromfile(p["file"], dtype=np.float32).reshape(p["shape"])
        ps[p["name"]] = torch.tensor(a, device=device, requires_grad=True)
    return ps


def layer_norm(x, g, b=None):
    return F.layer_norm(x, (x.shape[-1],), g, b, 1e-5)


def rewards(p, ids, mask):
    N = ids.shape[0]
    x = p["tok_emb"][ids] + p["pos_emb"][:L]
    bias = ((mask - 1.0) * 1e9).view(N, 1, 1, L)
    dh = d // H
    for l in range(layers):
        q = f"layer{l}"
        h = layer_norm(x, p[f"{q}/ln1/g"], p[f"{q}/ln1/b"])
        heads = lambda t: t.view(N, L, H, dh).transpose(1, 2)
        Q, K, Vv = map(heads, (h @ p[f"{q}/attn/wqkv"] + p[f"{q}/attn/bqkv"]).split(d, dim=-1))
        att = torch.softmax(Q @ K.transpose(-1, -2) / math.sqrt(dh) + bias, dim=-1)
        ctx = (att @ Vv).transpose(1, 2).reshape(N, L, d)
        x = x + ctx @ p[f"{q}/attn/wo"] + p[f"{q}/attn/bo"]
        h2 = layer_norm(x, p[f"{q}/ln2/g"], p[f"{q}/ln2/b"])
        x = x + F.gelu(h2 @ p[f"{q}/mlp/w1"] + p[f"{q}/mlp/b1"], approximate="tanh") @ p[f"{q}/mlp/w2"] + p[f"{q}/mlp/b2"]
    y = layer_norm(x, p["ln_f/g"])
    m = mask.unsqueeze(-1)
    pooled = (y * m).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
    return (pooled @ p["head/w"]).view(N) + p["head/b"]


def run(device, threads):
    if device == "cpu":
        torch.set_num_threads(threads)
    p = load_params(device)
    decay = [t for n, t in p.items() if t.dim() >= 2]
    no_decay = [t for n, t in p.items() if t.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": spec["weightDecay"]}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=spec["lr"], betas=(0.9, 0.999), eps=1e-8)
    batches = [(torch.tensor(b["ids"], device=device).view(-1, L).long(), torch.tensor(b["mask"], device=device).view(-1, L))
               for b in spec["batches"]]
    B = batches[0][0].shape[0] // 2
    warm = spec["warm"]

    def step(ids, mask):
        r = rewards(p, ids, mask)
        loss = F.softplus(r[B:] - r[:B]).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.detach()

    def sync():
        if device == "cuda":
            torch.cuda.synchronize()

    losses = [step(ids, mask) for ids, mask in batches[:warm]]
    sync()
    t0 = time.perf_counter()
    losses += [step(ids, mask) for ids, mask in batches[warm:]]
    values = [x.item() for x in losses]  # waits for the device once, as the TypeScript side does
    sync()
    ms = (time.perf_counter() - t0) * 1000 / max(1, len(batches) - warm)
    return {"setup": f"pytorch-{device}-{threads}t" if device == "cpu" else "pytorch-cuda", "msPerStep": ms,
            "losses": values}


wanted = (sys.argv[2] if len(sys.argv) > 2 else "cpu1,cpuN,cuda").split(",")
out = {"torch": torch.__version__, "results": [], "notes": []}
cores = os.cpu_count() or 1
if "cpu1" in wanted:
    out["results"].append(run("cpu", 1))
if "cpuN" in wanted and cores > 1:
    out["results"].append(run("cpu", cores))
if "cuda" in wanted:
    if torch.cuda.is_available():
        out["results"].append(run("cuda", 0))
        out["cuda"] = torch.cuda.get_device_name(0)
    else:
        out["notes"].append("torch.cuda.is_available() is False: no CUDA reference")
print(json.dumps(out))
