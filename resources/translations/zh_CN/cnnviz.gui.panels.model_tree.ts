<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.model_tree</name>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Models (*.py *.safetensors *.pt *.pth *.pt2 *.pts *.ptl *.jit *.zip);;Python code (*.py);;torch.export programs (*.pt2);;All files (*)</source>
      <translation>模型 (*.py *.safetensors *.pt *.pth *.pt2 *.pts *.ptl *.jit *.zip);;Python 代码 (*.py);;torch.export 程序 (*.pt2);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Weights (*.safetensors *.pt *.pth);;All files (*)</source>
      <translation>权重 (*.safetensors *.pt *.pth);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Open model</source>
      <translation>打开模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>{file} defines these. Which one is the model?</source>
      <translation>{file} 定义了以下这些。哪一个是模型？</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>bundled weights</source>
      <translation>自带权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>bundled weights (not built yet: random)</source>
      <translation>自带权重（尚未生成：随机）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>pretrained (cached)</source>
      <translation>预训练（已缓存）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>pretrained (download)</source>
      <translation>预训练（需下载）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>as the code builds it</source>
      <translation>按代码构建时的样子</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>weights in the model file</source>
      <translation>模型文件中的权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>none (random init)</source>
      <translation>无（随机初始化）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>from file…</source>
      <translation>从文件…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>GoogLeNet / Inception-v3: re-normalise the input from ImageNet's mean/std to (x - 0.5) / 0.5 first, as torchvision's pretrained weights expect. Off for a model trained from scratch with torchvision's builder.</source>
      <translation>GoogLeNet / Inception-v3：先把输入从 ImageNet 的均值/标准差重新归一化为 (x - 0.5) / 0.5，这是 torchvision 预训练权重所要求的。用 torchvision 的构建函数从零训练的模型请关闭。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Weights</source>
      <translation>权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Input</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>timm models…</source>
      <translation>timm 模型…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Open model file…</source>
      <translation>打开模型文件…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>search models, or type timm/NAME, FILE.py:NAME</source>
      <translation>搜索模型，或输入 timm/NAME、FILE.py:NAME</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>{file} defines no nn.Module class or function to open</source>
      <translation>{file} 中没有可以打开的 nn.Module 类或函数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>What the model is fed: size, normalisation, class names</source>
      <translation>模型的输入：尺寸、归一化、类别名称</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>as you described it</source>
      <translation>按你的描述</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>its own</source>
      <translation>模型自带</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>guessed</source>
      <translation>推测</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Input {shape}, {origin}</source>
      <translation>输入 {shape}，{origin}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Weights file for {model}</source>
      <translation>{model} 的权重文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>Weights file</source>
      <translation>权重文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>&lt;b&gt;{model}&lt;/b&gt;: input {shape}, {classes} classes</source>
      <translation>&lt;b&gt;{model}&lt;/b&gt;：输入 {shape}，{classes} 个类别</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>, {params} params, {macs} MACs</source>
      <translation>，{params} 个参数，{macs} 次乘加</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/model_tree.py" />
      <source>no layer summary: {why}</source>
      <translation>没有逐层摘要：{why}</translation>
    </message>
  </context>
</TS>
