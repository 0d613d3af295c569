# The bow reward model's training step in PyTorch CPU, for bench/train-step.ts (which spawns this script with the
# same batches and initial weights). Same model: EmbeddingBag(sum, per-sample weights = log1p counts) + bias ->
# ReLU -> Linear(H, 1); Bradley-Terry loss -log sigmoid(r_c - r_r), mean over pairs.
# Setups: "best" = EmbeddingBag(sparse=True) + SparseAdam for W1, Adam for the rest, all cores ("best-1thread": one);
#         "default" = dense feature matrix x Linear(D, H) + AdamW; plus "embbag-dense" = EmbeddingBag(sparse=False) + AdamW.
import json, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

spec = json.load(open(sys.argv[1]))
D, H, lr = spec['D'], spec['H'], spec['lr']
batches = spec['batches']
W1 = np.fromfile(spec['weights'] + '.W1', dtype=np.float32).reshape(D, H)
b1 = np.fromfile(spec['weights'] + '.b1', dtype=np.float32)
w2 = np.fromfile(spec['weights'] + '.w2', dtype=np.float32)
b2 = np.fromfile(spec['weights'] + '.b2', dtype=np.float32)
torch.set_num_threads(os.cpu_count())
tb = [(torch.tensor(b['indices'], dtype=torch.long), torch.tensor(b['offsets'], dtype=torch.long),
       torch.tensor(b['values'], dtype=torch.float32), b['pairs']) for b in batches]

def bt(r, B):
    return F.softplus(r[B:] - r[:B]).mean()

def run(setup):
    torch.manual_seed(0)
    torch.set_num_threads(1 if setup == 'best-1thread' else os.cpu_count())
    if setup == 'best-1thread': setup = 'best'
    emb_sparse = setup == 'best'
    if setup == 'default':
        lin = torch.nn.Linear(D, H)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W1.T.copy())); lin.bias.copy_(torch.from_numpy(b1))
        first = [lin]
    else:
        emb = torch.nn.EmbeddingBag(D, H, mode='sum', sparse=emb_sparse)
        with torch.no_grad(): emb.weight.copy_(torch.from_numpy(W1))
        bias1 = torch.nn.Parameter(torch.from_numpy(b1.copy()))
        first = [emb]
    head = torch.nn.Linear(H, 1)
    with torch.no_grad():
        head.weight.copy_(torch.from_numpy(w2).view(1, H)); head.bias.copy_(torch.from_numpy(b2))
    if setup == 'best':
        opts = [torch.optim.SparseAdam(list(emb.parameters()), lr=lr), torch.optim.Adam([bias1, *head.parameters()], lr=lr)]
    elif setup == 'default':
        opts = [torch.optim.AdamW([*lin.parameters(), *head.parameters()], lr=lr, weight_decay=0.0)]
    else:
        opts = [torch.optim.AdamW([*emb.parameters(), bias1, *head.parameters()], lr=lr, weight_decay=0.0)]
    def forward(idx, off, val, n):
        if setup == 'default':
            X = torch.zeros(n, D)
            rows = torch.repeat_interleave(torch.arange(n), torch.diff(torch.cat([off, torch.tensor([len(idx)])])))
            X[rows, idx] = val
            z = lin(X)
        else:
            z = emb(idx, off, per_sample_weights=val) + bias1
        return head(torch.relu(z)).view(-1)
    times, losses = [], []
    for k, (idx, off, val, B) in enumerate(tb):
        t = time.perf_counter()
        for o in opts: o.zero_grad(set_to_none=True)
        r = forward(idx, off, val, 2 * B)
        loss = bt(r, B)
        loss.backward()
        for o in opts: o.step()
        times.append((time.perf_counter() - t) * 1000)
        losses.append(loss.item())
    return times, losses

out = {'threads': os.cpu_count(), 'torch': torch.__version__}
for setup in spec['setups']:
    times, losses = run(setup)
    out[setup] = {'ms': times, 'losses': losses}
print(json.dumps(out))
