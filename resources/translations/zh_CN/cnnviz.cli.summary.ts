<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.cli.summary</name>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>none | default | a weights file (default: none; a TorchScript model's own weights)</source>
      <translation>none | default | 一个权重文件（默认：none；TorchScript 模型用它自带的权重）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>the input to summarise the model on (default: the model's own, or a guess)</source>
      <translation>用来统计模型的输入尺寸（默认：模型自己的说明，或推测值）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>print JSON (schema in DESIGN.md)</source>
      <translation>输出 JSON（格式见 DESIGN.md）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>downloading {model} weights</source>
      <translation>正在下载 {model} 的权重</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>note: {note}</source>
      <translation>注意：{note}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>{model}  input {shape}</source>
      <translation>{model}  输入 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>layer</source>
      <translation>层</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>output</source>
      <translation>输出</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>RF</source>
      <translation>感受野</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>params</source>
      <translation>参数量</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>MACs</source>
      <translation>乘加次数</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>total: {params} parameters, {macs} MACs ({gmacs} GMACs)</source>
      <translation>总计：{params} 个参数，{macs} 次乘加（{gmacs} G 次乘加）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>{kind} block {path} ({type})</source>
      <translation>{kind} 模块 {path}（{type}）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>branch {index}: {label} {macs} MACs; without 1x1 reduction {direct} ({saving}x)</source>
      <translation>分支 {index}：{label} {macs} 次乘加；不用 1x1 降维则为 {direct}（{saving} 倍）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>shortcut: {shortcut}; after the add: {activation}</source>
      <translation>捷径连接：{shortcut}；相加之后：{activation}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>nothing</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>{model}  TorchScript: input {shape} -&gt; output {output}</source>
      <translation>{model}  TorchScript：输入 {shape} -&gt; 输出 {output}</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>(TorchScript runs no module hooks: per-layer shapes, MACs and receptive fields are unknown)</source>
      <translation>（TorchScript 不运行模块钩子：各层的形状、乘加次数和感受野未知）</translation>
    </message>
    <message>
      <location filename="cnnviz/cli/summary.py" />
      <source>total: {params} parameters</source>
      <translation>总计：{params} 个参数</translation>
    </message>
  </context>
</TS>
