"""Score benchmark pairs with a sequence-classification reward model, for `rmw eval --scores`.

Copied beside pairs.jsonl by `rmw export bench` (reward-workbench). Reads pairs.jsonl (one pair a line: id, bench,
subset, prompt as a list of {role, content} messages, chosen, rejected), formats prompt + response with the model's
chat template, scores both sides with AutoModelForSequenceClassification (one output: the reward) in batches, in
bf16 on the GPUs by default (device_map="auto" spreads a model too large for one), and appends one line per pair:
    {"id": "...", "chosen": r_chosen, "rejected": r_rejected, "model": "...", "revision": "..." or null}

What the scores depend on, and how this program sets each:
  - Where the reward is read. A model trained by OpenRLHF was trained on its chat text with " " + EOS appended and
    its reward read at that EOS; transformers' sequence classifier (and TRL) reads the last non-pad token. The job
    folders of `rmw export trl|openrlhf` copy reward_position.json into the trained model's folder; this program
    reads it there ("rewardToken": "eos" or "last-non-pad"). --reward-token overrides it; without either, the
    classifier's own last-non-pad rule is used (how the published reward models on the Hub are scored).
  - Roles. Chat templates such as Gemma's refuse turns that do not alternate user/assistant and refuse a system
    turn: consecutive turns of one role are merged (blank line between), and where the template takes no system turn
    the system text is merged into the next user turn (the rule `rmw export` applies to the data).
  - Attention. Gemma-2 reward models are degraded by the default sdpa attention (Skywork-Reward's model card): they
    get flash_attention_2 when flash-attn is installed and a GPU is used, else eager. --attn-implementation overrides.
  - Length. A sequence longer than --max-length loses tokens from the start of the prompt (after the
    begin-of-sequence token), never the end of the response; the summary counts them.
Resumable: pairs whose id is already in the output are skipped, a last line cut short by a crash is dropped first,
and an output written by another model (name or revision) is refused. A pair whose reward is NaN is not written:
the summary names it, the program exits with status 1, and a rerun scores it again. Needs torch and transformers.

    python score_pairs.py --model Skywork/Skywork-Reward-Llama-3.1-8B-v0.2 --pairs pairs.jsonl --out scores.jsonl
"""

import argparse
import json
import math
import os
import sys
import time

REWARD_POSITION_FILE = "reward_position.json"
REWARD_TOKENS = ("eos", "last-non-pad")
# Model families whose reward models need an attention kernel other than transformers' default (sdpa).
EAGER_OR_FLASH = {"gemma2": "Gemma-2: sdpa degrades it (Skywork-Reward model card); eager or flash attention"}


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


def done_ids(path, model, revision):
    """Ids already scored by this model. A last line without its newline (a crash mid-write) is cut off; a line of
    another model, or any other bad line, stops the program."""
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
            rec = json.loads(line)
            ids.add(rec["id"])
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            sys.exit(f"{path}, line {n}: not a score line ({err!r}); move the file away to start over")
        theirs = (rec.get("model"), rec.get("revision"))
        if theirs != (model, revision):
            sys.exit(
                f"{path}, line {n}: scored by model {theirs[0]!r} (revision {theirs[1]!r}), not {model!r} (revision "
                f"{revision!r}); one scores file holds one model: choose another --out"
            )
    return ids


def alternate(prompt, system_role):
    """The prompt with same-role runs merged and system turns placed as the template allows (see above), or None
    when it cannot alternate: no user turn, opening with the assistant, or ending with an assistant turn."""
    out, pending = [], []
    for m in prompt:
        role, content = m["role"], m["content"]
        if role == "system":
            if system_role and not pending and (not out or (len(out) == 1 and out[0]["role"] == "system")):
                if out:
                    out[0] = {"role": "system", "content": out[0]["content"] + "\n\n" + content}
                else:
                    out.append({"role": "system", "content": content})
            else:
                pending.append(content)
            continue
        if pending:
            if role != "user":
                return None
            content = "\n\n".join(pending + [content])
            pending = []
        if out and out[-1]["role"] == role:
            out[-1] = {"role": role, "content": out[-1]["content"] + "\n\n" + content}
        else:
            out.append({"role": role, "content": content})
    turns = [m for m in out if m["role"] != "system"]
    if pending or not turns or turns[0]["role"] != "user" or turns[-1]["role"] != "user":
        return None
    return out


def takes_system_turn(tokenizer):
    try:
        tokenizer.apply_chat_template(
            [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}], tokenize=False
        )
        return True
    except Exception:  # the template raises on a system turn (Gemma: "System role not supported")
        return False


def conversation_text(tokenizer, prompt, response, system_role, reward_token):
    """The text the model scores: its chat template over prompt + response (else "role: content" lines); for an EOS
    reward, OpenRLHF's form: trailing newlines stripped, " " + EOS appended unless present."""
    turns = alternate(prompt, system_role)
    if turns is None:
        return None, False
    messages = turns + [{"role": "assistant", "content": response}]
    if getattr(tokenizer, "chat_template", None):
        text, plain = tokenizer.apply_chat_template(messages, tokenize=False), False
    else:
        text, plain = "\n".join(f"{m['role']}: {m['content']}" for m in messages), True
    if reward_token == "eos":
        text = text.rstrip("\n")
        if not text.endswith(tokenizer.eos_token):
            text += " " + tokenizer.eos_token
    return text, plain


def left_truncate(ids, max_length, bos_id):
    """At most max_length tokens, cut from the start of the prompt; a leading begin-of-sequence token stays."""
    if len(ids) <= max_length:
        return ids, False
    if bos_id is not None and ids and ids[0] == bos_id and max_length > 1:
        return [ids[0]] + ids[len(ids) - (max_length - 1) :], True
    return ids[len(ids) - max_length :], True


def score_texts(torch, model, tokenizer, texts, max_length, add_special_tokens, reward_token, device, head_out):
    """Rewards of a batch (right-padded); also how many texts were cut at max_length."""
    ids = tokenizer(texts, add_special_tokens=add_special_tokens)["input_ids"]
    bos_id = getattr(tokenizer, "bos_token_id", None)
    rows, cut = [], 0
    for x in ids:
        x, was_cut = left_truncate(list(x), max_length, bos_id)
        if reward_token == "eos":
            x[-1] = tokenizer.eos_token_id  # as OpenRLHF: the reward token is always there, even after a cut
        rows.append(x)
        cut += was_cut
    width = max(len(x) for x in rows)
    pad = tokenizer.pad_token_id
    input_ids = torch.tensor([x + [pad] * (width - len(x)) for x in rows], device=device)
    mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x in rows], device=device)
    head_out.clear()
    with torch.no_grad():
        logits = model(input_ids=input_ids, attention_mask=mask).logits
    if reward_token == "eos":
        # The classifier pools at the last token that is not the pad id; with pad = EOS that would skip the EOS the
        # model was trained on, so read the value head at each sequence's last real token instead.
        per_token = head_out[-1]
        last = (mask.sum(-1) - 1).to(per_token.device)
        picked = per_token[torch.arange(per_token.shape[0], device=per_token.device), last, 0]
        return [float(v) for v in picked.float().cpu().tolist()], cut
    return [float(x) for x in logits[:, 0].float().cpu().tolist()], cut


def reward_token_for(args):
    """--reward-token, else reward_position.json in a local model folder, else the classifier's own rule."""
    if args.reward_token:
        return args.reward_token, "--reward-token"
    path = os.path.join(args.model, REWARD_POSITION_FILE)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            token = json.load(f).get("rewardToken")
        if token not in REWARD_TOKENS:
            sys.exit(f"{path}: rewardToken must be one of {', '.join(REWARD_TOKENS)}, got {token!r}")
        return token, path
    return "last-non-pad", "no reward_position.json: the sequence classifier's last non-pad token"


def attention_for(args, model_type, on_gpu):
    if args.attn_implementation:
        return args.attn_implementation, "--attn-implementation"
    if model_type in EAGER_OR_FLASH:
        try:
            import flash_attn  # noqa: F401

            flash = on_gpu
        except ImportError:
            flash = False
        return ("flash_attention_2" if flash else "eager"), EAGER_OR_FLASH[model_type]
    return None, "transformers' default"


def value_head(model):
    """The module that turns hidden states into per-token rewards (transformers names it `score`)."""
    head = getattr(model, "score", None)
    if head is None:
        sys.exit("--reward-token eos needs the model's value head `score` (a transformers sequence classifier)")
    return head


def main():
    parser = argparse.ArgumentParser(description="Score benchmark pairs with a reward model (resumable).")
    parser.add_argument("--model", required=True, help="Hugging Face model id or local folder")
    parser.add_argument("--revision", default=None, help="Hub revision (commit, tag or branch) to load and record")
    parser.add_argument("--pairs", required=True, help="pairs.jsonl from rmw export bench")
    parser.add_argument("--out", required=True, help="scores.jsonl to write (appended to; resumed)")
    parser.add_argument("--batch-size", type=int, default=8, help="pairs per forward pass (2 sequences each)")
    parser.add_argument("--max-length", type=int, default=4096, help="tokens per sequence; the prompt start is cut")
    parser.add_argument("--dtype", choices=["bf16", "fp32"], default="bf16")
    parser.add_argument("--device", default=None, help="cpu, or cuda (default: every GPU, device_map=auto)")
    parser.add_argument("--reward-token", choices=REWARD_TOKENS, default=None, help="where the reward is read")
    parser.add_argument("--attn-implementation", default=None, help="e.g. flash_attention_2, eager, sdpa")
    parser.add_argument("--trust-remote-code", action="store_true")
    args = parser.parse_args()
    if args.batch_size < 1 or args.max_length < 2:
        sys.exit("--batch-size must be positive and --max-length at least 2")

    import torch
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    pairs = read_pairs(args.pairs)
    load = {"revision": args.revision, "trust_remote_code": args.trust_remote_code}
    config = AutoConfig.from_pretrained(args.model, **load)
    revision = args.revision or getattr(config, "_commit_hash", None)
    done = done_ids(args.out, args.model, revision)
    todo = [p for p in pairs if p["id"] not in done]
    on_gpu = args.device != "cpu" and torch.cuda.is_available()
    reward_token, reward_from = reward_token_for(args)
    attention, attention_why = attention_for(args, getattr(config, "model_type", None), on_gpu)
    kwargs = {"num_labels": 1, "torch_dtype": torch.bfloat16 if args.dtype == "bf16" else torch.float32, **load}
    if attention:
        kwargs["attn_implementation"] = attention
    if on_gpu and not args.device:
        kwargs["device_map"] = "auto"  # one GPU or several: transformers places the layers
    tokenizer = AutoTokenizer.from_pretrained(args.model, **load)
    model = AutoModelForSequenceClassification.from_pretrained(args.model, **kwargs)
    if "device_map" not in kwargs:
        model = model.to(args.device or ("cuda" if on_gpu else "cpu"))
    model.eval()
    device = next(model.parameters()).device if any(True for _ in model.parameters()) else torch.device("cpu")
    # A sequence classifier finds its reward by the pad id: models without a pad token use EOS, as both engines do.
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.config.pad_token_id = tokenizer.pad_token_id
    head_out = []
    if reward_token == "eos":
        value_head(model).register_forward_hook(lambda _m, _i, out: head_out.append(out))
    system_role = takes_system_turn(tokenizer) if getattr(tokenizer, "chat_template", None) else True

    start, cut, plain, nan_ids = time.time(), 0, False, []
    with open(args.out, "a", encoding="utf-8") as out:
        for b in range(0, len(todo), args.batch_size):
            batch = todo[b : b + args.batch_size]
            texts = []
            for p in batch:
                for side in ("chosen", "rejected"):
                    text, plain = conversation_text(tokenizer, p["prompt"], p[side], system_role, reward_token)
                    if text is None:
                        sys.exit(f"{args.pairs}: pair {p['id']!r} cannot alternate user/assistant turns")
                    texts.append(text)
            # A chat template writes its own begin-of-sequence token; plain text gets the tokenizer's, except for an
            # EOS reward, whose text is tokenized as OpenRLHF does (no special tokens added).
            special = plain and reward_token != "eos"
            rewards, n_cut = score_texts(
                torch, model, tokenizer, texts, args.max_length, special, reward_token, device, head_out
            )
            cut += n_cut
            for i, p in enumerate(batch):
                chosen, rejected = rewards[2 * i], rewards[2 * i + 1]
                if math.isnan(chosen) or math.isnan(rejected):
                    nan_ids.append(p["id"])  # never written: a rerun scores it again
                    continue
                line = {"id": p["id"], "chosen": chosen, "rejected": rejected, "model": args.model}
                line["revision"] = revision
                out.write(json.dumps(line) + "\n")
            out.flush()
            os.fsync(out.fileno())
            done_now = b + len(batch)
            rate = done_now / max(time.time() - start, 1e-9)
            print(f"scored {done_now}/{len(todo)} pairs ({rate:.1f}/s)", file=sys.stderr)
    summary = {
        "pairs": len(pairs),
        "already_scored": len(pairs) - len(todo),
        "scored_now": len(todo) - len(nan_ids),
        "nan_pairs": len(nan_ids),
        "sequences_cut_at_max_length": cut,
        "truncation": "left: the start of the prompt goes, the response's end stays",
        "chat_template": not plain if todo else None,
        "system_turn": "kept first" if system_role else "merged into the next user turn",
        "reward_token": reward_token,
        "reward_token_from": reward_from,
        "attn_implementation": attention or "default",
        "attn_why": attention_why,
        "device_map": kwargs.get("device_map", str(device)),
        "model": args.model,
        "revision": revision,
        "out": args.out,
    }
    print(json.dumps(summary))
    if nan_ids:
        sys.exit(
            f"{len(nan_ids)} pairs got a NaN reward and were not written (first: {nan_ids[0]!r}); try --dtype fp32, "
            "then rerun the same command"
        )


if __name__ == "__main__":
    main()
