<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.analysis.summary</name>
    <message>
      <location filename="cnnviz/core/analysis/summary.py" />
      <source>summary of {model}: no layer named '{name}' (or it is never called)</source>
      <translation>{model} 的摘要：没有名为“{name}”的层（或它从未被调用）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/summary.py" />
      <source>summary of {model}: TorchScript models cannot be summarised (no module hooks)</source>
      <translation>{model} 的摘要：TorchScript 模型无法生成摘要（没有模块钩子）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/summary.py" />
      <source>summary of {model}: input shape {shape} is too large to summarise with a real forward pass (its activations need over {gib} GiB); try a smaller --input-size</source>
      <translation>{model} 的摘要：输入形状 {shape} 太大，无法用真实的前向传播生成摘要（激活需要超过 {gib} GiB）；请换一个更小的 --input-size</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/summary.py" />
      <source>summary of {model}: forward pass fails on input shape {shape}: {why}</source>
      <translation>{model} 的摘要：在输入形状 {shape} 上前向传播失败：{why}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/analysis/summary.py" />
      <source>summary: input shape must be three positive sizes C H W, got {shape}</source>
      <translation>摘要：输入形状必须是三个正数 C H W，实际得到 {shape}</translation>
    </message>
  </context>
</TS>
