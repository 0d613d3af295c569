"""Score benchmark pairs with a sequence-classification reward model, for `rmw eval --scores`.

Copied beside pairs.jsonl by `rmw export bench` (reward-workbench). Reads pairs.jsonl (one pair a line: id, bench,
subset, prompt as a list of {role, content} messages, chosen, rejected), formats prompt + response with the model's
chat template, scores both sides with AutoModelForSequenceClassification (one output: the reward) in batches, in
bf16 on a GPU by default, and appends one line per pair to the output:
    {"id": "...", "chosen": r_chosen, "rejected": r_rejected, "model": "..."}
Resumable: pairs whose id is already in the output are skipped, and a last line cut short by a crash is dropped
first, so rerunning the same command after an interruption finishes the job. Needs torch and transformers.

    python score_pairs.py --model Skywork/Skywork-Reward-Llama-3.1-8B-v0.2 --pairs pairs.jsonl --out scores.jsonl
"""

import argparse
import json
import os
import sys
import time


def read_pairs(path):
    pairs, seen = [], set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                sys.exit(f"{path}, line {n}: not JSON ({err})")
            for key, kind in (("id", str), ("prompt", list), ("chosen", str), ("rejected", str)):
                if not isinstance(rec.get(key), kind):
                    sys.exit(f"{path}, line {n}, field {key!r}: expected {kind.__name__}")
            if rec["id"] in seen:
                sys.exit(f"{path}, line {n}, field 'id': {rec['id']!r} appears twice")
            seen.add(rec["id"])
            pairs.append(rec)
    return pairs


def done_ids(path):
    """Ids already scored. A last line without its newline (a crash mid-write) is cut off; any other bad line stops."""
    if not os.path.exists(path):
        return set()
    with open(path, "rb") as f:
        data = f.read()
    keep = data if data.endswith(b"\n") or not data else data[: data.rfind(b"\n") + 1]
    if len(keep) != len(data):
        with open(path, "wb") as f:
            f.write(keep)
        print(f"{path}: dropped an unfinished last line", file=sys.stderr)
    ids = set()
    for n, line in enumerate(keep.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            ids.add(json.loads(line)["id"])
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            sys.exit(f"{path}, line {n}: not a score line ({err!r}); move the file away to start over")
    return ids


def conversation_text(tokenizer, prompt, response):
    """The text the model scores: its chat template over prompt + response, else plain "role: content" lines."""
    messages = [{"role": m["role"], "content": m["content"]} for m in prompt]
    messages.append({"role": "assistant", "content": response})
    if getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(messages, tokenize=False), False
    return "\n".join(f"{m['role']}: {m['content']}" for m in messages), True


def score_texts(torch, model, tokenizer, texts, max_length, add_special_tokens, device):
    """Rewards of a batch; also how many texts were cut at max_length."""
    full = tokenizer(texts, add_special_tokens=add_special_tokens)["input_ids"]
    cut = sum(1 for ids in full if len(ids) > max_length)
    enc = tokenizer(
        texts,
        padding=True,
        truncation=True,
        max_length=max_length,
        add_special_tokens=add_special_tokens,
        return_tensors="pt",
    )
    enc = {k: v.to(device) for k, v in enc.items()}
    with torch.no_grad():
        logits = model(**enc).logits
    return [float(x) for x in logits[:, 0].float().cpu().tolist()], cut


def main():
    parser = argparse.ArgumentParser(description="Score benchmark pairs with a reward model (resumable).")
    parser.add_argument("--model", required=True, help="Hugging Face model id or local folder")
    parser.add_argument("--pairs", required=True, help="pairs.jsonl from rmw export bench")
    parser.add_argument("--out", required=True, help="scores.jsonl to write (appended to; resumed)")
    parser.add_argument("--batch-size", type=int, default=8, help="pairs per forward pass (2 sequences each)")
    parser.add_argument("--max-length", type=int, default=4096, help="tokens per sequence; longer ones are cut")
    parser.add_argument("--dtype", choices=["bf16", "fp32"], default="bf16")
    parser.add_argument("--device", default=None, help="cuda, cpu, ... (default: cuda when available)")
    parser.add_argument("--attn-implementation", default=None, help="e.g. flash_attention_2 or eager (Gemma-2)")
    parser.add_argument("--trust-remote-code", action="store_true")
    args = parser.parse_args()
    if args.batch_size < 1 or args.max_length < 1:
        sys.exit("--batch-size and --max-length must be positive")

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    pairs = read_pairs(args.pairs)
    done = done_ids(args.out)
    todo = [p for p in pairs if p["id"] not in done]
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    kwargs = {"num_labels": 1, "torch_dtype": torch.bfloat16 if args.dtype == "bf16" else torch.float32}
    if args.attn_implementation:
        kwargs["attn_implementation"] = args.attn_implementation
    if args.trust_remote_code:
        kwargs["trust_remote_code"] = True
    tokenizer = AutoTokenizer.from_pretrained(args.model, trust_remote_code=args.trust_remote_code)
    model = AutoModelForSequenceClassification.from_pretrained(args.model, **kwargs).to(device).eval()
    # The reward is read at each sequence's last non-pad token: pad on the right with a known pad id (the
    # end-of-sequence token when the tokenizer has none, as TRL's RewardTrainer does when training).
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "right"
    model.config.pad_token_id = tokenizer.pad_token_id

    start, cut, plain = time.time(), 0, False
    with open(args.out, "a", encoding="utf-8") as out:
        for b in range(0, len(todo), args.batch_size):
            batch = todo[b : b + args.batch_size]
            texts = []
            for p in batch:
                for side in ("chosen", "rejected"):
                    text, plain = conversation_text(tokenizer, p["prompt"], p[side])
                    texts.append(text)
            # A chat template writes its own begin-of-sequence token; plain text gets the tokenizer's.
            rewards, n_cut = score_texts(torch, model, tokenizer, texts, args.max_length, plain, device)
            cut += n_cut
            for i, p in enumerate(batch):
                line = {"id": p["id"], "chosen": rewards[2 * i], "rejected": rewards[2 * i + 1], "model": args.model}
                out.write(json.dumps(line) + "\n")
            out.flush()
            os.fsync(out.fileno())
            done_now = b + len(batch)
            rate = done_now / max(time.time() - start, 1e-9)
            print(f"scored {done_now}/{len(todo)} pairs ({rate:.1f}/s)", file=sys.stderr)
    summary = {
        "pairs": len(pairs),
        "already_scored": len(pairs) - len(todo),
        "scored_now": len(todo),
        "sequences_cut_at_max_length": cut,
        "chat_template": not plain if todo else None,
        "out": args.out,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
