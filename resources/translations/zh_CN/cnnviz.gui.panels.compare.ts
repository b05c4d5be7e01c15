<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.compare</name>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Drop an image to compare it with another image, or with itself under other weights</source>
      <translation>拖入一张图像，把它与另一张图像对比，或与换了权重的自己对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Choose B: an image file (Browse…, type its path, or Next image)</source>
      <translation>选择 B：一个图像文件（点“浏览…”、输入路径，或点“下一张图像”）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Choose B: a weights file (.safetensors, .pt, .pth) for this model</source>
      <translation>选择 B：这个模型的权重文件（.safetensors、.pt、.pth）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Press Remember these weights, change the weights (train), then compare</source>
      <translation>先按“记住当前权重”，再改变权重（训练），然后对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Images ({patterns})</source>
      <translation>图像 ({patterns})</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Weights ({patterns})</source>
      <translation>权重 ({patterns})</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Compare</source>
      <translation>对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Next image</source>
      <translation>下一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>B is the next image of the input strip</source>
      <translation>B 取输入条中的下一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Remember these weights</source>
      <translation>记住当前权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Copy the weights now, to compare with them after training</source>
      <translation>现在复制一份权重，训练后与之对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Compute again</source>
      <translation>重新计算</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Compare again with the weights as they are now</source>
      <translation>用现在的权重重新对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>B is</source>
      <translation>B 是</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>View</source>
      <translation>视图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>unknown B '{kind}'; choose one of: {kinds}</source>
      <translation>未知的 B“{kind}”；可选：{kinds}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>The input strip has no other image: open several images, or choose B's file</source>
      <translation>输入条中没有别的图像：请打开多张图像，或为 B 选择文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>No model to remember the weights of</source>
      <translation>没有可记住权重的模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>remembering the weights…</source>
      <translation>正在记住权重…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>B: an image</source>
      <translation>B：一张图像</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>B: a weights file for this model</source>
      <translation>B：这个模型的权重文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>image file…</source>
      <translation>图像文件…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>weights file…</source>
      <translation>权重文件…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>unknown view '{view}'; choose one of: {views}</source>
      <translation>未知的视图“{view}”；可选：{views}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>the previous model</source>
      <translation>之前的模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>The model changed: the weights remembered from {name} were cleared. </source>
      <translation>模型已更换：从 {name} 记住的权重已清除。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>no tensor output</source>
      <translation>没有张量输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>shape {shape}</source>
      <translation>形状 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>Select a layer with feature maps ({layer} gives {shape})</source>
      <translation>请选择一个有特征图的层（{layer} 的输出：{shape}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>no layer</source>
      <translation>未选层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>comparing {what}…</source>
      <translation>正在对比{what}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>, weights now</source>
      <translation>，当前权重</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/compare.py" />
      <source>difference A − B</source>
      <translation>差值 A − B</translation>
    </message>
  </context>
</TS>
